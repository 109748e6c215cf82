// A real daemon subprocess (`node --import tsx src/cli/main.ts daemon`) in a temp HOME, with helpers to
// wait for what it does. Every child is killed when the test file ends, whatever happened.
import { spawn, type ChildProcess } from "node:child_process";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import assert from "node:assert/strict";
import { tokenCachePath } from "../../src/core/auth/index.ts";
import { daemonFiles, readDaemonState, type DaemonState } from "../../src/core/daemon/index.ts";
import type { Org } from "../../src/emulator/index.ts";
import { CLI_MAIN } from "../support/cli.ts";
import { childEnv, type TestEnv } from "../support/emulator.ts";
import { SESSION, seedToken, syncFixture, type SyncFixture } from "../support/sync-fixture.ts";

export { logRecords, logged, type LogRecord } from "../support/log-records.ts";

const children = new Set<ChildProcess>();
after(() => {
  for (const c of children) c.kill("SIGKILL");
});
process.once("exit", () => {
  for (const c of children) c.kill("SIGKILL");
});

export interface DaemonProc {
  child: ChildProcess;
  /** Everything written to stderr so far (the daemon logs there, JSON lines). */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends a signal and waits for the exit (SIGKILL after `timeoutMs`). */
  stop(
    signal?: NodeJS.Signals,
    timeoutMs?: number,
  ): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function spawnDaemon(env: TestEnv, extra: string[] = []): DaemonProc {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", CLI_MAIN, "daemon", "--debounce", "100", ...extra],
    {
      env: childEnv(env),
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  children.add(child);
  let out = "";
  child.stdout?.setEncoding("utf8").on("data", (d: string) => (out += d));
  child.stderr?.setEncoding("utf8").on("data", (d: string) => (out += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on("exit", (code, signal) => {
      children.delete(child);
      resolve({ code, signal });
    });
  });
  return {
    child,
    output: () => out,
    exited,
    async stop(signal = "SIGTERM", timeoutMs = 10_000) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
      const r = await exited;
      clearTimeout(timer);
      return r;
    },
  };
}

/** Polls `check` until it returns a truthy value; fails with `what` and the daemon's output on timeout. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T> | T,
  timeoutMs = 10_000,
  proc?: DaemonProc,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for: ${what}${proc ? `\n--- daemon output ---\n${proc.output().slice(-4000)}` : ""}`,
      );
    }
    await sleep(100);
  }
}

export async function readText(path: string): Promise<string> {
  return readFile(path, "utf8").catch(() => "");
}

export async function daemonState(configFile: string, env: TestEnv): Promise<DaemonState | undefined> {
  const read = await readDaemonState(
    daemonFiles(configFile, env as Record<string, string | undefined>).state,
  );
  return read.kind === "ok" ? read.value : undefined;
}

/** Account ids named in the generated profiles of ~/.aws/config. */
export function accountIds(text: string): Set<string> {
  return new Set([...text.matchAll(/^sso_account_id = (\d{12})$/gm)].map((m) => m[1] ?? ""));
}

/** A fake notify-send that appends its arguments to `log`; returns the folder to put first on PATH. */
export async function fakeNotifySend(dir: string, log: string): Promise<string> {
  const bin = join(dir, "fake-bin");
  await mkdir(bin, { recursive: true });
  const script = join(bin, "notify-send");
  await writeFile(script, `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\n`);
  await chmod(script, 0o755);
  return bin;
}

export interface TokenDaemonOptions {
  /** Seconds each access token the emulator issues lives (the seeded one too). */
  ttl: number;
  rotateRefreshTokens?: boolean;
  /** Extra variables for the daemon (a PATH with a fake notify-send). */
  env?: (fx: SyncFixture) => Promise<TestEnv>;
  args?: string[];
}

/** A fixture whose tokens live `ttl` seconds, seeded with one, and a daemon on it that has done its first
 * sync (the token tests). */
export async function tokenDaemon(
  org: Org,
  config: string,
  o: TokenDaemonOptions,
): Promise<{ fx: SyncFixture; d: DaemonProc }> {
  const fx = await syncFixture(org, config);
  fx.emu.configure({
    accessTokenTtlSec: o.ttl,
    ...(o.rotateRefreshTokens ? { rotateRefreshTokens: true } : {}),
  });
  await seedToken(fx.emu, fx.env, o.ttl);
  const d = spawnDaemon({ ...fx.env, ...(await o.env?.(fx)) }, o.args);
  await waitFor(
    "the first sync",
    async () => (await readText(fx.awsConfig)).includes("[profile "),
    15_000,
    d,
  );
  return { fx, d };
}

/** The cached token file of the fixture's session, as JSON. */
export async function cachedToken(fx: SyncFixture): Promise<Record<string, string>> {
  return JSON.parse(await readFile(tokenCachePath(SESSION, { env: fx.env }), "utf8")) as Record<
    string,
    string
  >;
}

/**
 * Reads the cached token every 250 ms for `ms`: every read must still be valid (the daemon refreshes it
 * ahead of expiry); `each` runs after each read. Returns the distinct access tokens seen.
 */
export async function keptFresh(
  fx: SyncFixture,
  d: DaemonProc,
  ms: number,
  each: () => Promise<void> = async () => undefined,
): Promise<Set<string>> {
  const seen = new Set<string>();
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const t = await cachedToken(fx);
    assert.ok(
      Date.parse(t.expiresAt ?? "") > Date.now(),
      `the cached token expired at ${t.expiresAt}\n${d.output().slice(-3000)}`,
    );
    seen.add(t.accessToken ?? "");
    await each();
    await sleep(250);
  }
  return seen;
}
