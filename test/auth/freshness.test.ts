// One answer to "is this token usable" on every path: login's "already logged in" and status follow the
// same rule as sync, LoginNeededError says why as a field, and a refresh race lost to another tool that
// writes its token a moment later is survived by sync as it is by the daemon.
import assert from "node:assert/strict";
import { afterEach, describe, test } from "node:test";
import { getValidToken, login, sessionStatus } from "../../src/core/auth/index.ts";
import type { FlowIo } from "../../src/core/auth/flow.ts";
import { LoginNeededError, type LoginReasonCode } from "../../src/core/errors.ts";
import type { TempHome } from "../support/emulator.ts";
import { AUTH, authWorld, rivalRefreshesFirst, seedToken, testSession, type AuthWorld } from "./support.ts";

let w: AuthWorld | undefined;
let other: TempHome | undefined;
afterEach(async () => {
  await w?.close();
  await other?.cleanup();
  w = other = undefined;
});
const session = testSession();
const quiet: FlowIo = { say: () => undefined };
const refreshes = () => w?.emu.counters().grants.refresh_token ?? 0;

describe("login's reuse check follows the configured lead, like sync", () => {
  test("lead 600 s, 12 min left: sync uses the token as it is, and so does login", async () => {
    w = await authWorld();
    const seeded = await seedToken(w, session, 12 * 60);
    const t = await getValidToken(session, { ...AUTH, env: w.env, refreshLeadSeconds: 600 });
    assert.equal(t.accessToken, seeded.accessToken);
    const res = await login(session, {
      ...AUTH,
      flow: "device-code",
      io: quiet,
      env: w.env,
      refreshLeadSeconds: 600,
    });
    assert.equal(res.action, "reused");
    assert.equal(refreshes(), 0);
  });

  test("lead 1800 s, 20 min left: sync would refresh it, so login refreshes instead of reusing", async () => {
    w = await authWorld();
    await seedToken(w, session, 20 * 60);
    const res = await login(session, {
      ...AUTH,
      flow: "device-code",
      io: quiet,
      env: w.env,
      refreshLeadSeconds: 1800,
    });
    assert.equal(res.action, "refreshed");
    assert.equal(refreshes(), 1);
  });
});

describe("LoginNeededError carries its reason as a field", () => {
  const code = (want: LoginReasonCode, text: RegExp) => (err: unknown) => {
    assert.ok(err instanceof LoginNeededError, String(err));
    assert.equal(err.reason.code, want);
    assert.match(err.reason.text, text);
    assert.equal(err.message, `session "acme": login needed (${err.reason.text})`);
    return true;
  };

  test("each reason getValidToken gives has its code", async () => {
    w = await authWorld();
    const opts = { ...AUTH, env: w.env };
    await assert.rejects(getValidToken(session, opts), code("no-token", /^no token$/));
    await seedToken(w, session, 300, { expiresAt: "soon" });
    await assert.rejects(
      getValidToken(session, opts),
      code("cache-unusable", /unusable: missing or unusable/),
    );
    await seedToken(w, session, -10, { refreshToken: undefined });
    await assert.rejects(
      getValidToken(session, opts),
      code("no-refresh-token", /expired and no refresh token/),
    );
    await seedToken(w, session, -10, { registrationExpiresAt: "2020-01-01T00:00:00Z" });
    await assert.rejects(getValidToken(session, opts), code("registration-expired", /registration expired/));
    await seedToken(w, session, -10);
    w.emu.revokeAll();
    await assert.rejects(
      getValidToken(session, opts),
      code("session-ended", /refresh failed: invalid_grant/),
    );
  });
});

describe("status answers like sync", () => {
  test("30 s left and no refresh token: sync refuses it, so status says a login is needed, and why", async () => {
    w = await authWorld();
    await seedToken(w, session, 30, { refreshToken: undefined });
    const opts = { ...AUTH, env: w.env };
    await assert.rejects(
      getValidToken(session, opts),
      /login needed \(token expires now and no refresh token\)/,
    );
    const st = await sessionStatus(session, opts);
    assert.equal(st.token, "valid", "the file still says valid");
    assert.equal(st.needsLogin, true);
    assert.deepEqual(st.loginReason, {
      code: "no-refresh-token",
      text: "token expires now and no refresh token",
    });
  });

  test("a token sync would use or refresh needs no login", async () => {
    w = await authWorld();
    await seedToken(w, session, -10);
    const st = await sessionStatus(session, { ...AUTH, env: w.env });
    assert.deepEqual([st.token, st.needsLogin, st.loginReason], ["expired", false, undefined]);
  });
});

describe("another tool refreshed first and writes its token a moment after ours was refused", () => {
  test("sync takes that tool's token instead of declaring a login needed", async () => {
    w = await authWorld();
    await seedToken(w, session, -10);
    const rival = await rivalRefreshesFirst(w, session);
    other = rival.other;
    const [got] = await Promise.all([getValidToken(session, { ...AUTH, env: w.env }), rival.writeBack()]);
    assert.equal(got.accessToken, rival.winner.accessToken);
    assert.equal(refreshes(), 2, "no third refresh: the stored token was taken as it is");
  });
});
