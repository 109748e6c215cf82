// A daemon whose refresh requests are accepted and never answered. While the token is still valid every
// run uses it and completes; once it has expired the daemon reports "login needed" and keeps running
// cycles. Counts of completed runs in the state file are the evidence, never durations.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { generateOrg } from "../../src/emulator/index.ts";
import { baseConfig, seedToken, syncFixture, type SyncFixture } from "../support/sync-fixture.ts";
import { daemonState, logged, spawnDaemon, waitFor, type DaemonProc } from "./support.ts";

/** Seconds: the keeper refreshes halfway through, leaving TTL/2 of valid token with refreshes hanging. */
const TTL = 16;
const CONFIG = `${baseConfig}schedule: "* * * * * *"\nnotify: false\ntimeouts:\n  requestSeconds: 0.5\n  oidcDeadlineSeconds: 1\n`;

describe("daemon: the refresh grant hangs", { timeout: 120_000 }, () => {
  let fx: SyncFixture;
  let d: DaemonProc;
  let tokenExpiresAt = 0;
  const state = () => daemonState(fx.configFile, fx.env);

  before(async () => {
    fx = await syncFixture(generateOrg(3, { seed: 5 }), CONFIG);
    fx.emu.configure({ answerFaults: [{ op: "CreateToken", grant: "refresh_token", answer: "hang" }] });
    await seedToken(fx.emu, fx.env, TTL);
    // The last tenth of a token's observed life counts as expired (docs/internals/token-freshness.md 1).
    tokenExpiresAt = Date.now() + TTL * 900;
    d = spawnDaemon(fx.env);
    await waitFor("the first run", async () => ((await state())?.counts.runs ?? 0) >= 1, 30_000, d);
  });
  after(async () => {
    await d.stop("SIGKILL");
    await fx.cleanup();
  });

  test("token still valid: runs keep completing while refreshes hang, and the refresh is retried", async () => {
    await waitFor("a hung refresh", () => fx.emu.counters().hung >= 1, TTL * 1000, d);
    const runs = (await state())?.counts.runs ?? 0;
    const s = await waitFor(
      "two more runs after the refresh hung",
      async () => {
        const st = await state();
        return (st?.counts.runs ?? 0) >= runs + 2 ? st : undefined;
      },
      TTL * 1000,
      d,
    );
    if (Date.now() < tokenExpiresAt) {
      // Still inside the token's usable life: those runs used it.
      assert.equal(s.sessions[0]?.status, "ok", JSON.stringify(s.sessions));
      assert.equal(s.lastRun?.result, "ok");
    }
    // One refresh is up to three hung attempts; a second failed refresh shows it was retried later.
    await waitFor(
      "a retried refresh",
      () => logged(d.output(), "token refresh failed", { session: "acme", attempt: 2 }).length > 0,
      TTL * 1000,
      d,
    );
    assert.equal(d.child.exitCode, null);
  });

  test("token expired: login needed is reported and the daemon keeps running cycles", async () => {
    const s = await waitFor(
      "login-needed in the state file",
      async () => {
        const st = await state();
        return st?.tokens.acme?.state === "login-needed" ? st : undefined;
      },
      (TTL + 20) * 1000,
      d,
    );
    assert.match(s.tokens.acme?.reason ?? "", /token expired and the refresh keeps failing/);
    const told = logged(d.output(), "login needed", { session: "acme" });
    assert.ok(
      told.some((r) => /^token expired and the refresh keeps failing/.test(String(r.reason))),
      d.output().slice(-3000),
    );
    const runs = s.counts.runs;
    const later = await waitFor(
      "two more runs after login-needed",
      async () => {
        const st = await state();
        return (st?.counts.runs ?? 0) >= runs + 2 ? st : undefined;
      },
      20_000,
      d,
    );
    assert.equal(later.sessions[0]?.status, "login-needed");
    assert.equal(later.lastRun?.result, "login-needed");
    assert.equal(later.status, "running");
    assert.deepEqual(await d.stop("SIGTERM"), { code: 0, signal: null });
  });
});
