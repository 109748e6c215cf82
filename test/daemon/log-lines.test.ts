// The daemon's log lines are for filtering: a real daemon (JSON lines, as stderr is not a terminal) goes
// through startup, idle scheduled runs at debug level, token refreshes, a reload, a refused reload, a
// login needed and a stop, and every line it wrote carries one of the fixed messages, its values in
// fields, and whole numbers only.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { tokenCachePath } from "../../src/core/auth/index.ts";
import { LOG_MESSAGES } from "../../src/core/log/messages.ts";
import { generateOrg } from "../../src/emulator/index.ts";
import { SESSION, baseConfig, type SyncFixture } from "../support/sync-fixture.ts";
import { daemonState, fakeNotifySend, tokenDaemon, waitFor, type DaemonProc } from "./support.ts";

const SCHEDULE = `schedule: "*/2 * * * * *"\n`;
/** Bounds that only turn a hang into a message; nothing is measured against them. */
const HANG = 60_000;
const TTL = 6;

type LogRecord = Record<string, unknown>;

function records(out: string): { records: LogRecord[]; other: string[] } {
  const lines = out.split("\n").filter((l) => l.trim() !== "");
  const parsed: LogRecord[] = [];
  const other: string[] = [];
  for (const l of lines) {
    try {
      parsed.push(JSON.parse(l) as LogRecord);
    } catch {
      other.push(l);
    }
  }
  return { records: parsed, other };
}

/** Every number anywhere in a record, with its path. */
function numbers(value: unknown, path: string, out: [string, number][]): [string, number][] {
  if (typeof value === "number") out.push([path, value]);
  else if (Array.isArray(value)) value.forEach((v, i) => numbers(v, `${path}[${i}]`, out));
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) numbers(v, path ? `${path}.${k}` : k, out);
  return out;
}

describe("daemon log lines: a static message plus data", { timeout: 240_000 }, () => {
  const org = generateOrg(3, { seed: 11 });
  let fx: SyncFixture;
  let d: DaemonProc;
  const state = () => daemonState(fx.configFile, fx.env);

  before(async () => {
    ({ fx, d } = await tokenDaemon(org, baseConfig + SCHEDULE, {
      ttl: TTL,
      rotateRefreshTokens: true,
      env: async (f) => ({
        PATH: `${await fakeNotifySend(f.home, join(f.home, "notified.txt"))}:${process.env.PATH ?? ""}`,
      }),
      args: ["--log-level", "debug"],
    }));
  });
  after(async () => {
    await d.stop("SIGKILL");
    await fx.cleanup();
  });

  test("startup, idle runs, refreshes, reloads, a login needed and a stop log only fixed messages", async () => {
    await waitFor(
      "three runs and a refresh",
      async () => {
        const s = await state();
        return (s?.counts.runs ?? 0) >= 3 && (s?.counts.refreshes ?? 0) >= 1;
      },
      HANG,
      d,
    );
    await fx.writeConfig(`${baseConfig}${SCHEDULE}notifyChanges: false\n`);
    await waitFor("the reload", async () => ((await state())?.counts.reloads ?? 0) >= 1, HANG, d);
    await fx.writeConfig(`${baseConfig}${SCHEDULE}notifyChanges: false\nbogus: 1\n`);
    await waitFor(
      "the refused reload",
      async () => ((await state())?.counts.reloadFailures ?? 0) >= 1,
      HANG,
      d,
    );
    fx.emu.revokeAll();
    await waitFor(
      "login needed",
      async () => (await state())?.tokens.acme?.state === "login-needed",
      HANG,
      d,
    );
    assert.deepEqual(await d.stop("SIGTERM"), { code: 0, signal: null });

    const { records: all, other } = records(d.output());
    assert.deepEqual(other, [], "every line is a JSON record");
    const known = new Set<string>(LOG_MESSAGES);
    const names = [SESSION.name, ...org.accounts.flatMap((a) => [a.accountName, a.accountId])];
    for (const r of all) {
      const m = String(r.message);
      assert.ok(known.has(m), `not a listed message: ${JSON.stringify(r)}`);
      assert.doesNotMatch(m, /[\d/\\"'`]/, `digits, a path or quotes in: ${JSON.stringify(r)}`);
      for (const n of names) assert.ok(!m.includes(n), `"${n}" in the message: ${JSON.stringify(r)}`);
      for (const [path, n] of numbers(r, "", []))
        assert.ok(Number.isInteger(n), `${path} is ${n} in ${JSON.stringify(r)}`);
    }

    const named = (m: string) => all.filter((r) => r.message === m);
    assert.equal(named("daemon started").length, 1);
    assert.equal(named("daemon started")[0]?.file, fx.configFile);
    const runs = named("sync done");
    assert.ok(
      runs.some((r) => r.trigger === "startup" && r.level === "info"),
      "the startup run",
    );
    assert.ok(
      runs.some((r) => r.trigger === "schedule" && r.level === "debug" && r.unchanged === 1),
      "an idle scheduled run, at debug",
    );
    for (const r of runs) assert.equal(typeof r.ms, "number", JSON.stringify(r));
    assert.ok(named("session discovered").every((r) => r.session === "acme" && r.accounts === 3));
    assert.ok(named("token refreshed").some((r) => r.session === "acme" && r.level === "info"));
    assert.ok(named("config reloaded").length >= 1);
    const refused = named("reload refused")[0];
    assert.ok(Array.isArray(refused?.problems), JSON.stringify(refused));
    assert.match(JSON.stringify(refused?.problems), /bogus/);
    const login = named("login needed")[0];
    assert.equal(login?.session, "acme", JSON.stringify(login));
    assert.equal(login?.run, "aws-sso-sync login --session acme");
    assert.equal(typeof login?.reason, "string");
    assert.deepEqual(
      [named("stopping").length, named("stopped").length],
      [1, 1],
      "the stop is told, start and end",
    );

    const token = JSON.parse(await readFile(tokenCachePath(SESSION, { env: fx.env }), "utf8")) as Record<
      string,
      string
    >;
    for (const key of ["accessToken", "refreshToken", "clientSecret"]) {
      const secret = token[key];
      if (secret) assert.ok(!d.output().includes(secret), `${key} in the daemon's output`);
    }
  });
});
