// Tokens living a few seconds: the daemon keeps refreshing them ahead of expiry in the shared cache, so
// boto3 keeps resolving credentials with no login; a revoked session shows "login needed" (log line with
// the login command, desktop notification) while the outputs stay; a new token in the cache syncs at once.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { generateOrg } from "../../src/emulator/index.ts";
import { awsCliEnv, runPython } from "../support/aws-cli.ts";
import { baseConfig, seedToken, type SyncFixture } from "../support/sync-fixture.ts";
import {
  daemonState,
  fakeNotifySend,
  logged,
  keptFresh,
  readText,
  tokenDaemon,
  waitFor,
  type DaemonProc,
} from "./support.ts";

const TTL = 4;

describe("daemon: token refresh ahead of expiry", { timeout: 120_000 }, () => {
  let fx: SyncFixture;
  let d: DaemonProc;
  let notes: string;

  before(async () => {
    ({ fx, d } = await tokenDaemon(generateOrg(3, { seed: 3 }), `${baseConfig}schedule: "*/2 * * * * *"\n`, {
      ttl: TTL,
      rotateRefreshTokens: true,
      env: async (f) => {
        notes = join(f.home, "notifications.txt");
        return { PATH: `${await fakeNotifySend(f.home, notes)}:${process.env.PATH ?? ""}` };
      },
    }));
  });
  after(async () => {
    await d.stop("SIGKILL");
    await fx.cleanup();
  });

  test("over many lifetimes the cached token never expires and boto3 needs no login", async () => {
    const profile = /^\[profile (.+)\]$/m.exec(await readFile(fx.awsConfig, "utf8"))?.[1] ?? "";
    const boto = { ...fx.env, ...awsCliEnv(fx.home, fx.emu.url) };
    const window = 4 * TTL * 1000;
    const until = Date.now() + window;
    let botoRuns = 0;
    const seen = await keptFresh(fx, d, window, async () => {
      if (botoRuns < 3 && Date.now() > until - (3 - botoRuns) * TTL * 1000) {
        const r = await runPython("botocore_credentials.py", [profile], boto, 30_000);
        assert.equal(r.code, 0, `${r.stderr}\n${d.output().slice(-3000)}`);
        assert.equal((JSON.parse(r.stdout) as { hasSessionToken: boolean }).hasSessionToken, true);
        botoRuns++;
      }
    });
    const state = await daemonState(fx.configFile, fx.env);
    assert.ok((state?.counts.refreshes ?? 0) >= 5, `daemon refreshes: ${state?.counts.refreshes}`);
    assert.ok(seen.size >= 5, `distinct tokens seen: ${seen.size}`);
    assert.equal(fx.emu.counters().grants.device_code, undefined, "nobody logged in");
    assert.equal(state?.tokens.acme?.state, "ok");
    assert.doesNotMatch(d.output(), /login needed/);
  });

  test("refresh token revoked: login needed is reported, the outputs stay", async () => {
    const config = await readFile(fx.awsConfig, "utf8");
    fx.emu.revokeAll();
    await waitFor(
      "login-needed in the state file",
      async () => (await daemonState(fx.configFile, fx.env))?.tokens.acme?.state === "login-needed",
      10_000,
      d,
    );
    const told = logged(d.output(), "login needed", { session: "acme" });
    assert.ok(
      told.some((r) => r.run === "aws-sso-sync login --session acme"),
      d.output().slice(-3000),
    );
    await waitFor("a desktop notification", async () => /login needed/.test(await readText(notes)), 3_000, d);
    await waitFor(
      "a run reporting login-needed",
      async () => (await daemonState(fx.configFile, fx.env))?.sessions[0]?.status === "login-needed",
      6_000,
      d,
    );
    assert.equal(await readFile(fx.awsConfig, "utf8"), config);
    assert.equal(d.child.exitCode, null);
  });

  test("a new token in the cache (a login) syncs at once", async () => {
    fx.emu.configure({ accessTokenTtlSec: 3600 });
    // The same seed: the first three accounts stay and two are added (swapping the whole org would be a
    // mass removal, which waits for the next sync to confirm it).
    const org = generateOrg(5, { seed: 3 });
    fx.emu.setOrg(org);
    const mark = d.output().length;
    await seedToken(fx.emu, fx.env); // what `aws-sso-sync login` or `aws sso login` leaves behind
    await waitFor(
      "a token-triggered sync",
      () => logged(d.output().slice(mark), "sync done", { trigger: "token" }).length > 0,
      30_000,
      d,
    );
    // "At once" is the trigger: the token watcher started this sync, not the schedule (no clock read).
    assert.ok(logged(d.output().slice(mark), "new token in the cache", { session: "acme" }).length > 0);
    const state = await waitFor(
      "token state ok",
      async () => (await daemonState(fx.configFile, fx.env))?.tokens.acme?.state === "ok",
      2_000,
      d,
    );
    assert.ok(state);
    for (const a of org.accounts)
      assert.match(await readFile(fx.awsConfig, "utf8"), new RegExp(`sso_account_id = ${a.accountId}`));
    assert.deepEqual(await d.stop("SIGINT"), { code: 0, signal: null });
  });
});
