// Shared pieces of the auth tests: a session, a temp HOME wired to an emulator, and seeding the token
// cache with a token the emulator really issued (as another tool's login would have left it).
import { spawn } from "node:child_process";
import { copyFile, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { refreshToken, tokenCachePath, type FreshToken } from "../../src/core/auth/index.ts";
import { oidcTimeouts } from "../../src/core/auth/oidc-call.ts";
import type { AuthSession } from "../../src/core/auth/session.ts";
import { configSchema } from "../../src/core/config/index.ts";
import {
  setProcessEnv,
  startTestEmulator,
  tempHome,
  type TempHome,
  type TestEmulator,
} from "../support/emulator.ts";
import type { EmulatorOptions, IssuedToken } from "../../src/emulator/index.ts";
import { writeIssuedToken } from "../support/sync-fixture.ts";

export const START_URL = "https://d-1234567890.awsapps.com/start";

export function testSession(over: Partial<AuthSession> = {}): AuthSession {
  return {
    name: "acme",
    startUrl: START_URL,
    region: "us-east-1",
    scopes: ["sso:account:access"],
    flow: "auto",
    ...over,
  };
}

/** What a config without auth settings resolves to: the schema's defaults, never restated here. */
const resolved = configSchema.parse({ sessions: [{ name: "x", startUrl: START_URL, region: "us-east-1" }] });
export const AUTH = {
  refreshLeadSeconds: resolved.refreshLeadSeconds,
  timeouts: oidcTimeouts(resolved.timeouts),
};

export interface AuthWorld {
  emu: TestEmulator;
  home: TempHome;
  env: TempHome["env"];
  cacheDir: string;
  close(): Promise<void>;
}

/** Emulator + temp HOME, applied to process.env too (for the SDK's own token and credential providers). */
export async function authWorld(opts: Partial<EmulatorOptions> = {}): Promise<AuthWorld> {
  const emu = await startTestEmulator(opts);
  const home = await tempHome();
  const env = { ...home.env, ...emu.env };
  const restore = setProcessEnv(env);
  return {
    emu,
    home,
    env,
    cacheDir: join(home.home, ".aws", "sso", "cache"),
    async close() {
      restore();
      await emu.close();
      await home.cleanup();
    },
  };
}

/** Writes a token the emulator issued into the cache, expiring in `ttlSec`; `patch` overrides fields
 * (undefined deletes one). */
export async function seedToken(
  w: AuthWorld,
  session: AuthSession,
  ttlSec: number,
  patch: Record<string, unknown> = {},
): Promise<IssuedToken> {
  const t = w.emu.issueToken({ ttlSec: Math.max(ttlSec, 1) });
  const file = await writeIssuedToken(t, w.env, session, ttlSec);
  if (Object.keys(patch).length > 0) {
    const obj = JSON.parse(await readFile(file, "utf8")) as Record<string, unknown>;
    await writeFile(file, JSON.stringify({ ...obj, ...patch }), { mode: 0o600 });
  }
  return t;
}

/** Every file in the cache dir with its content (to prove nothing changed). */
export async function snapshotCache(dir: string): Promise<Record<string, string>> {
  await mkdir(dir, { recursive: true });
  const out: Record<string, string> = {};
  for (const f of (await readdir(dir)).sort()) out[f] = await readFile(join(dir, f), "utf8");
  return out;
}

export interface RivalRefresh {
  /** The token the other tool got by spending the refresh token in our file. */
  winner: FreshToken;
  /** That tool's HOME (its own view of the token file): the caller cleans it up. */
  other: TempHome;
  /** Once the portal has refused our refresh, a second process renames the other tool's file over ours,
   * a moment later, as a slow botocore would; resolves when it has. */
  writeBack(): Promise<void>;
}

/**
 * Another tool (botocore) with a copy of our token file refreshes first, spending the refresh token we
 * are about to use, and is slow to write its result back to the shared file (the freshness and token
 * keeper tests: sync and the daemon must both take that tool's token instead of declaring a login).
 */
export async function rivalRefreshesFirst(w: AuthWorld, session: AuthSession): Promise<RivalRefresh> {
  const ours = tokenCachePath(session, { env: w.env });
  const other = await tempHome();
  const otherEnv = { ...other.env, ...w.emu.env };
  const theirs = tokenCachePath(session, { env: otherEnv });
  await mkdir(dirname(theirs), { recursive: true });
  await copyFile(ours, theirs);
  const winner = await refreshToken(session, { env: otherEnv, ...AUTH });
  async function writeBack(): Promise<void> {
    while (Number(w.emu.counters().statuses["400"] ?? 0) < 1) await sleep(5);
    const writer = spawn("sh", ["-c", 'sleep 0.1; cp "$1" "$2.tmp" && mv "$2.tmp" "$2"', "sh", theirs, ours]);
    await new Promise((resolve) => writer.on("exit", resolve));
  }
  return { winner, other, writeBack };
}
