// docs/internals/emulator.md 3.1-3.4: routes, base paths and `//`, bearer header, query order, epoch units,
// integers.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestEmulator, type TestEmulator } from "../support/emulator.ts";
import { deviceLogin, oidc, portal, raw, register, startDevice } from "./helpers.ts";

describe("emulator routes", () => {
  let emu: TestEmulator;
  let token: string;
  before(async () => {
    emu = await startTestEmulator({});
    token = (await deviceLogin(emu)).accessToken;
  });
  after(() => emu.close());

  test("listens on 127.0.0.1 with an ephemeral port", () => {
    assert.match(emu.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.notEqual(emu.url, "http://127.0.0.1:0");
    assert.deepEqual(emu.env, { AWS_ENDPOINT_URL_SSO: emu.url, AWS_ENDPOINT_URL_SSO_OIDC: emu.url });
  });

  test("every portal route answers with the bearer header alone (no Authorization)", async () => {
    const a = emu.options.org.accounts[0]!;
    const accounts = await portal(emu, "/assignment/accounts", token);
    assert.equal(accounts.status, 200);
    assert.ok(Array.isArray(accounts.json.accountList));
    const roles = await portal(emu, `/assignment/roles?account_id=${a.accountId}`, token);
    assert.deepEqual(
      roles.json.roleList,
      a.roles.map((roleName) => ({ roleName, accountId: a.accountId })),
    );
    const creds = await portal(
      emu,
      `/federation/credentials?role_name=${a.roles[0]}&account_id=${a.accountId}`,
      token,
    );
    assert.equal(creds.status, 200);
    const logout = await raw(`${emu.url}/logout`, {
      method: "POST",
      headers: { "x-amz-sso_bearer_token": (await deviceLogin(emu)).accessToken },
    });
    assert.equal(logout.status, 200);
    assert.equal(logout.text, "");
  });

  test("a missing or wrong bearer is 401 even with an Authorization header", async () => {
    assert.equal((await portal(emu, "/assignment/accounts")).status, 401);
    const r = await raw(`${emu.url}/assignment/accounts`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(r.status, 401);
  });

  test("matches on the path suffix: base path and the `//` joint", async () => {
    for (const base of ["/base", "/base/", "/a/b", "/"]) {
      const r = await portal(emu, `${base}/assignment/accounts`, token);
      assert.equal(r.status, 200, `base ${base}`);
    }
    const reg = await oidc(emu, "/oidc//client/register", { clientName: "x", clientType: "public" });
    assert.equal(reg.status, 200);
  });

  test("unknown routes and wrong methods answer 404", async () => {
    assert.equal((await raw(`${emu.url}/nope`)).status, 404);
    assert.equal((await raw(`${emu.url}/assignment/accounts`, { method: "DELETE" })).status, 404);
  });

  test("query parameters are accepted in either order", async () => {
    const a = emu.options.org.accounts[1]!;
    const role = a.roles[0]!;
    const js = await portal(
      emu,
      `/federation/credentials?account_id=${a.accountId}&role_name=${role}`,
      token,
    );
    const py = await portal(
      emu,
      `/federation/credentials?role_name=${role}&account_id=${a.accountId}`,
      token,
    );
    assert.equal(js.status, 200);
    assert.equal(py.status, 200);
    const wrong = await portal(
      emu,
      `/federation/credentials?role_name=NoSuchRole&account_id=${a.accountId}`,
      token,
    );
    assert.equal(wrong.status, 404);
  });

  test("credential expiration is an integer in epoch milliseconds", async () => {
    const a = emu.options.org.accounts[0]!;
    const before = Date.now();
    const r = await portal(
      emu,
      `/federation/credentials?role_name=${a.roles[0]}&account_id=${a.accountId}`,
      token,
    );
    const c = r.json.roleCredentials as Record<string, unknown>;
    assert.ok(Number.isInteger(c.expiration));
    const exp = c.expiration as number;
    assert.ok(exp >= before + 3_599_000 && exp <= Date.now() + 3_601_000, `expiration ${exp}`);
    assert.match(String(c.accessKeyId), /^ASIA[A-Z0-9]{16}$/);
    assert.ok(String(c.secretAccessKey).length >= 40);
    assert.ok(String(c.sessionToken).length > 40);
  });

  test("registration timestamps are epoch seconds, 90 days apart; secrets are opaque", async () => {
    const r = await oidc(emu, "/client/register", { clientName: "x", clientType: "public" });
    const issued = r.json.clientIdIssuedAt as number;
    const expires = r.json.clientSecretExpiresAt as number;
    assert.ok(Number.isInteger(issued) && Math.abs(issued - Date.now() / 1000) < 5);
    assert.equal(expires - issued, 7_776_000);
    const secret = String(r.json.clientSecret);
    assert.ok(secret.length >= 32);
    assert.equal(secret.split(".").length, 1, "not a JWT");
  });

  test("device authorization answers integer expiresIn/interval and verification URIs", async () => {
    const reg = await register(emu);
    const { body, userCode } = await startDevice(emu, reg);
    assert.equal(body.expiresIn, 600);
    assert.equal(body.interval, 1);
    assert.match(userCode, /^[A-Z]{4}-[A-Z]{4}$/);
    assert.equal(body.verificationUriComplete, `${String(body.verificationUri)}?user_code=${userCode}`);
  });

  test("CreateToken answers Bearer with an integer expiresIn", async () => {
    const reg = await register(emu, ["sso:account:access"]);
    const { deviceCode } = await startDevice(emu, reg);
    emu.approve();
    const r = await oidc(emu, "/token", {
      ...reg,
      grantType: "urn:ietf:params:oauth:grant-type:device_code",
      deviceCode,
    });
    assert.equal(r.json.tokenType, "Bearer");
    assert.equal(r.json.expiresIn, 3600);
  });

  test("JSON bodies are parsed whitespace-insensitively (botocore spacing)", async () => {
    const r = await raw(`${emu.url}/client/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"clientName": "botocore-client-my-sso", "clientType": "public"}',
    });
    assert.equal(r.status, 200);
  });

  test("/token?aws_iam=t (CreateTokenWithIAM) answers an OIDC error", async () => {
    const r = await oidc(emu, "/token?aws_iam=t", { clientId: "arn:x", grantType: "authorization_code" });
    assert.equal(r.status, 400);
    assert.match(r.headers.get("x-amzn-errortype") ?? "", /^InvalidRequestException:/);
  });
});
