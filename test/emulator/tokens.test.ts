// Token lifecycle (docs/internals/oidc.md 8, docs/internals/emulator.md 3.8): refresh tokens only for scoped
// registrations, rotation, session end → invalid_grant, access expiry/revoke/logout → 401, issueToken.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestEmulator, type TestEmulator } from "../support/emulator.ts";
import { deviceLogin, portal, raw, refresh, sleep } from "./helpers.ts";

describe("tokens", () => {
  let emu: TestEmulator;
  before(async () => {
    emu = await startTestEmulator({ approval: "manual" });
  });
  after(() => emu.close());

  test("scoped registrations get a refresh token; legacy (unscoped) ones do not", async () => {
    const scoped = await deviceLogin(emu, ["sso:account:access"]);
    assert.equal(typeof scoped.refreshToken, "string");
    const legacy = await deviceLogin(emu, null);
    assert.equal(legacy.refreshToken, undefined);
    assert.equal((await portal(emu, "/assignment/accounts", legacy.accessToken)).status, 200);
  });

  test("refresh returns a new access and refresh token and retires the old refresh token", async () => {
    const { reg, accessToken, refreshToken } = await deviceLogin(emu);
    const r = await refresh(emu, reg, refreshToken!);
    assert.equal(r.status, 200);
    assert.equal(r.json.tokenType, "Bearer");
    assert.notEqual(r.json.accessToken, accessToken);
    assert.equal(typeof r.json.refreshToken, "string");
    assert.notEqual(r.json.refreshToken, refreshToken);
    assert.equal((await portal(emu, "/assignment/accounts", String(r.json.accessToken))).status, 200);
    const reused = await refresh(emu, reg, refreshToken!);
    assert.deepEqual(reused.json, {
      error: "invalid_grant",
      error_description: "Invalid refresh token provided",
    });
    assert.equal((await refresh(emu, reg, String(r.json.refreshToken))).status, 200);
    assert.equal(emu.counters().grants.refresh_token, 3);
  });

  test("rotateRefreshTokens false: the same refresh token comes back and keeps working", async () => {
    emu.configure({ rotateRefreshTokens: false });
    const { reg, refreshToken } = await deviceLogin(emu);
    const a = await refresh(emu, reg, refreshToken!);
    const b = await refresh(emu, reg, refreshToken!);
    emu.configure({ rotateRefreshTokens: true });
    assert.equal(a.json.refreshToken, refreshToken);
    assert.equal(b.status, 200);
  });

  test("a refresh token only works for its own client", async () => {
    const mine = await deviceLogin(emu);
    const other = await deviceLogin(emu);
    assert.equal((await refresh(emu, other.reg, mine.refreshToken!)).json.error, "invalid_grant");
  });

  test("after refreshTokenTtlSec (the portal session) refresh answers invalid_grant", async () => {
    emu.configure({ refreshTokenTtlSec: 0.3 });
    const { reg, refreshToken } = await deviceLogin(emu);
    emu.configure({ refreshTokenTtlSec: 8 * 3600 });
    await sleep(350);
    assert.equal((await refresh(emu, reg, refreshToken!)).json.error, "invalid_grant");
  });

  test("an expired access token is 401 UnauthorizedException", async () => {
    emu.configure({ accessTokenTtlSec: 1 });
    const { accessToken } = await deviceLogin(emu);
    emu.configure({ accessTokenTtlSec: 3600 });
    assert.equal((await portal(emu, "/assignment/accounts", accessToken)).status, 200);
    await sleep(1050);
    const r = await portal(emu, "/assignment/accounts", accessToken);
    assert.equal(r.status, 401);
    assert.equal(r.json.message, "Session token not found or invalid");
  });

  test("revokeAll invalidates every access and refresh token", async () => {
    const { reg, accessToken, refreshToken } = await deviceLogin(emu);
    const issued = emu.issueToken();
    emu.revokeAll();
    assert.equal((await portal(emu, "/assignment/accounts", accessToken)).status, 401);
    assert.equal((await portal(emu, "/assignment/accounts", issued.accessToken)).status, 401);
    assert.equal((await refresh(emu, reg, refreshToken!)).json.error, "invalid_grant");
  });

  test("Logout ends the session: its access and refresh tokens stop working", async () => {
    const { reg, accessToken, refreshToken } = await deviceLogin(emu);
    const other = await deviceLogin(emu);
    const r = await raw(`${emu.url}/logout`, {
      method: "POST",
      headers: { "x-amz-sso_bearer_token": accessToken },
    });
    assert.equal(r.status, 200);
    assert.equal((await portal(emu, "/assignment/accounts", accessToken)).status, 401);
    assert.equal((await refresh(emu, reg, refreshToken!)).json.error, "invalid_grant");
    assert.equal((await portal(emu, "/assignment/accounts", other.accessToken)).status, 200);
  });

  test("issueToken mints a usable token without a flow", async () => {
    const t = emu.issueToken({ ttlSec: 120 });
    assert.equal(t.expiresIn, 120);
    assert.ok(t.registrationExpiresAt > Date.now() / 1000 + 89 * 86400);
    assert.equal((await portal(emu, "/assignment/accounts", t.accessToken)).status, 200);
    const r = await refresh(emu, { clientId: t.clientId, clientSecret: t.clientSecret }, t.refreshToken!);
    assert.equal(r.status, 200);
    const legacy = emu.issueToken({ scopes: [] });
    assert.equal(legacy.refreshToken, undefined);
  });
});
