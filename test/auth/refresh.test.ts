// Refresh and getValidToken against the emulator: rotation, kept fields, and every "login needed" reason.
import assert from "node:assert/strict";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { afterEach, describe, test } from "node:test";
import { getValidToken, readTokenCache, refreshToken, tokenCachePath } from "../../src/core/auth/index.ts";
import { LoginNeededError, NetworkError } from "../../src/core/errors.ts";
import { AUTH, authWorld, seedToken, testSession, type AuthWorld } from "./support.ts";

let w: AuthWorld | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});
const session = testSession();
const refreshes = () => w?.emu.counters().grants.refresh_token ?? 0;

function loginNeeded(reason: RegExp) {
  return (err: unknown) => {
    assert.ok(err instanceof LoginNeededError, String(err));
    assert.match(err.message, reason);
    assert.equal(err.exitCode, 4);
    return true;
  };
}

describe("refreshToken", () => {
  test("stores the new access token and the rotated refresh token, keeps unknown fields", async () => {
    w = await authWorld();
    const seeded = await seedToken(w, session, 300, { extraField: "kept", startUrl: session.startUrl });
    const fresh = await refreshToken(session, { ...AUTH, env: w.env });
    assert.equal(refreshes(), 1);
    const file = tokenCachePath(session, { env: w.env });
    const obj = JSON.parse(await readFile(file, "utf8")) as Record<string, string>;
    assert.equal(obj.accessToken, fresh.accessToken);
    assert.notEqual(obj.accessToken, seeded.accessToken);
    assert.notEqual(obj.refreshToken, seeded.refreshToken, "the emulator rotates refresh tokens");
    assert.equal(obj.extraField, "kept");
    assert.match(obj.expiresAt ?? "", /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    // The stored refresh token is the live one: a second refresh works.
    await refreshToken(session, { ...AUTH, env: w.env });
    assert.equal(refreshes(), 2);
  });

  test("invalid_grant (portal session ended) becomes LoginNeededError, the file is left alone", async () => {
    w = await authWorld();
    await seedToken(w, session, 300);
    const before = await readFile(tokenCachePath(session, { env: w.env }), "utf8");
    w.emu.revokeAll();
    await assert.rejects(refreshToken(session, { ...AUTH, env: w.env }), loginNeeded(/invalid_grant/));
    assert.equal(await readFile(tokenCachePath(session, { env: w.env }), "utf8"), before);
  });

  test("lost a refresh race to another tool: uses the token that tool stored", async () => {
    w = await authWorld();
    await seedToken(w, session, 300);
    const stale = await readTokenCache(session, { env: w.env });
    const winner = await refreshToken(session, { ...AUTH, env: w.env }); // "botocore" refreshes first
    const mine = await refreshToken(session, { ...AUTH, env: w.env, cached: stale });
    assert.equal(mine.accessToken, winner.accessToken);
  });
});

describe("getValidToken", () => {
  test("returns the cached token without a request while more than the lead is left", async () => {
    w = await authWorld();
    const seeded = await seedToken(w, session, 3600);
    const t = await getValidToken(session, { ...AUTH, refreshLeadSeconds: 600, env: w.env });
    assert.equal(t.accessToken, seeded.accessToken);
    assert.ok(t.expiresAt instanceof Date);
    assert.equal(w.emu.counters().requests, 0);
  });

  test("refreshes inside the lead", async () => {
    w = await authWorld();
    const seeded = await seedToken(w, session, 300);
    const t = await getValidToken(session, { ...AUTH, refreshLeadSeconds: 600, env: w.env });
    assert.notEqual(t.accessToken, seeded.accessToken);
    assert.ok(t.expiresAt.getTime() > Date.now() + 3000_000);
    assert.equal(refreshes(), 1);
  });

  test("concurrent callers share one refresh", async () => {
    w = await authWorld();
    await seedToken(w, session, 300);
    const all = await Promise.all([1, 2, 3].map(() => getValidToken(session, { ...AUTH, env: w?.env })));
    assert.equal(refreshes(), 1);
    assert.equal(new Set(all.map((t) => t.accessToken)).size, 1);
  });

  test("login needed: no token, corrupt file, expired without refresh token, registration expired, invalid_grant", async () => {
    w = await authWorld();
    const opts = { ...AUTH, env: w.env };
    await assert.rejects(getValidToken(session, opts), loginNeeded(/no token/));
    await mkdir(w.cacheDir, { recursive: true });
    await writeFile(tokenCachePath(session, opts), "garbage");
    await assert.rejects(getValidToken(session, opts), loginNeeded(/unusable: not valid JSON/));
    await seedToken(w, session, -10, { refreshToken: undefined });
    await assert.rejects(getValidToken(session, opts), loginNeeded(/expired and no refresh token/));
    await seedToken(w, session, -10, { registrationExpiresAt: "2020-01-01T00:00:00Z" });
    await assert.rejects(getValidToken(session, opts), loginNeeded(/registration expired/));
    await seedToken(w, session, -10);
    w.emu.revokeAll();
    await assert.rejects(getValidToken(session, opts), loginNeeded(/refresh failed: invalid_grant/));
  });

  test("endpoint down: an expired token gives NetworkError; a still-valid one is returned", async () => {
    w = await authWorld();
    // The endpoint comes from the env given to the call, not from process.env (client-settings.ts).
    const env = { ...w.env, AWS_ENDPOINT_URL_SSO_OIDC: "http://127.0.0.1:9" };
    await seedToken(w, session, -10);
    await assert.rejects(getValidToken(session, { ...AUTH, env }), NetworkError);
    const seeded = await seedToken(w, session, 300);
    const t = await getValidToken(session, { env, ...AUTH });
    assert.equal(t.accessToken, seeded.accessToken);
  });
});
