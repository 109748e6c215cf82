// `aws-sso-sync sync` against an emulator that answers wrongly or not at all. A `200 {}` from the portal
// must never read as an empty organisation: the second sync keeps every profile and exits non-zero with
// the operation and field named. Requests that hang end at the configured limits.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { after, before, describe, test } from "node:test";
import { generateOrg } from "../../src/emulator/index.ts";
import { runCli } from "../support/cli.ts";
import { logged } from "../support/log-records.ts";
import {
  baseConfig,
  SESSION,
  syncFixture,
  writeIssuedToken,
  type SyncFixture,
} from "../support/sync-fixture.ts";

const org = generateOrg(12, { minRoles: 1, maxRoles: 4, seed: 21 });
const expected = org.accounts.reduce((n, a) => n + new Set(a.roles).size, 0);
const profiles = (text: string) => text.split("\n").filter((l) => l.startsWith("[profile ")).length;
const FEW_ATTEMPTS = `${baseConfig}discovery:\n  maxAttempts: 3\n`;
const FAST = `${FEW_ATTEMPTS}timeouts:\n  requestSeconds: 0.5\n  oidcDeadlineSeconds: 1\n`;

/** A fixture whose first sync wrote every profile; `good` is that file. */
function synced(config: string) {
  const s = { fx: undefined as unknown as SyncFixture, good: "" };
  before(async () => {
    s.fx = await syncFixture(org, config);
    const r = await runCli(["sync"], s.fx.env);
    assert.equal(r.code, 0, r.stderr);
    s.good = await readFile(s.fx.awsConfig, "utf8");
    assert.equal(profiles(s.good), expected);
  });
  after(() => s.fx.cleanup());
  return s;
}

describe("sync with answers missing their list", { timeout: 120_000 }, () => {
  const s = synced(FEW_ATTEMPTS);

  for (const op of ["ListAccounts", "ListAccountRoles"] as const) {
    test(`${op} answers 200 {}: every profile kept, exit 6, the field named`, async () => {
      const { fx, good } = s;
      fx.emu.configure({ answerFaults: [{ op, answer: "empty" }] });
      const r = await runCli(["sync"], fx.env);
      fx.emu.configure({ answerFaults: [] });
      assert.equal(r.code, 6, r.stderr);
      const member = op === "ListAccounts" ? "accountList" : "roleList";
      assert.match(r.stderr, new RegExp(`the service answered an unexpected body \\(${member}: missing\\)`));
      assert.match(r.stderr, /gave up after 3 attempts/);
      assert.match(r.stderr, /kept from the last good sync/);
      assert.doesNotMatch(r.stdout, /session acme: 0 accounts/);
      assert.equal(await readFile(fx.awsConfig, "utf8"), good);
    });
  }
});

describe("sync with requests that are never answered", { timeout: 120_000 }, () => {
  const s = synced(FAST);

  test("ListAccountRoles accepted and never answered three times: retried, the sync completes", async () => {
    const { fx } = s;
    fx.emu.configure({ answerFaults: [{ op: "ListAccountRoles", answer: "hang", times: 3 }] });
    fx.emu.resetCounters();
    const r = await runCli(["sync"], fx.env);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(fx.emu.counters().hung, 3);
    assert.equal(profiles(await readFile(fx.awsConfig, "utf8")), expected);
  });

  test("the refresh grant hangs while the token is valid: the sync uses it and succeeds", async () => {
    const { fx, good } = s;
    // 5 minutes left: inside the 15-minute refresh lead, so a refresh is tried first.
    const t = fx.emu.issueToken({ scopes: SESSION.scopes });
    await writeIssuedToken(t, fx.env, SESSION, 300);
    fx.emu.configure({ answerFaults: [{ op: "CreateToken", grant: "refresh_token", answer: "hang" }] });
    fx.emu.resetCounters();
    const r = await runCli(["sync"], fx.env);
    assert.equal(r.code, 0, r.stderr);
    const told = logged(r.stderr, "token refresh failed", { session: "acme" });
    assert.equal(told[0]?.effect, "using the cached token until it expires", r.stderr);
    assert.ok(fx.emu.counters().hung >= 1);
    assert.equal(await readFile(fx.awsConfig, "utf8"), good);
  });

  test("the refresh grant hangs and the token has expired: a clear error within the limits, profiles kept", async () => {
    const { fx, good } = s;
    const t = fx.emu.issueToken({ scopes: SESSION.scopes });
    await writeIssuedToken(t, fx.env, SESSION, -10);
    fx.emu.configure({ answerFaults: [{ op: "CreateToken", grant: "refresh_token", answer: "hang" }] });
    const r = await runCli(["sync"], fx.env, 30_000);
    fx.emu.configure({ answerFaults: [] });
    assert.equal(r.timedOut, false);
    assert.equal(r.code, 6, r.stderr);
    assert.match(
      r.stderr,
      /session acme: failed: no answer from the IAM Identity Center OIDC endpoint .* token refresh/,
    );
    assert.match(r.stderr, /kept from the last good sync/);
    assert.equal(await readFile(fx.awsConfig, "utf8"), good);
  });
});
