// PKCE (docs/internals/oidc.md 6): GET /authorize at the root redirects to the loopback redirect_uri with
// code and state; CreateToken authorization_code checks client, redirectUri and the S256 verifier; codes are
// single use.
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { startTestEmulator, type TestEmulator } from "../support/emulator.ts";
import { oidc, portal, raw, register, START_URL, type Registration } from "./helpers.ts";

const verifier = () => randomBytes(48).toString("base64url").slice(0, 64);
const challenge = (v: string) => createHash("sha256").update(v).digest("base64url");

describe("PKCE authorization code", () => {
  let emu: TestEmulator;
  let reg: Registration;
  before(async () => {
    emu = await startTestEmulator({});
    reg = await register(emu, ["sso:account:access"], {
      grantTypes: ["authorization_code", "refresh_token"],
      redirectUris: ["http://127.0.0.1/oauth/callback"],
      issuerUrl: START_URL,
    });
  });
  after(() => emu.close());

  function authorizeUrl(p: {
    v: string;
    redirect?: string;
    clientId?: string;
    method?: string;
    state?: string;
  }) {
    const q = new URLSearchParams({
      response_type: "code",
      client_id: p.clientId ?? reg.clientId,
      redirect_uri: p.redirect ?? "http://127.0.0.1:53117/oauth/callback",
      state: p.state ?? "3f1c2d9e-state",
      code_challenge_method: p.method ?? "S256",
      scopes: "sso:account:access",
      code_challenge: challenge(p.v),
    });
    return `${emu.url}/authorize?${q}`;
  }

  async function authorize(p: Parameters<typeof authorizeUrl>[0]) {
    const r = await raw(authorizeUrl(p));
    return { status: r.status, location: r.headers.get("location"), json: r.json };
  }

  function exchange(code: string, v: string, redirectUri = "http://127.0.0.1:53117/oauth/callback") {
    return oidc(emu, "/token", {
      ...reg,
      grantType: "authorization_code",
      redirectUri,
      codeVerifier: v,
      code,
    });
  }

  test("authorize redirects with code and state; the code exchanges for scoped tokens", async () => {
    const v = verifier();
    const a = await authorize({ v });
    assert.equal(a.status, 302);
    const loc = new URL(a.location!);
    assert.equal(`${loc.origin}${loc.pathname}`, "http://127.0.0.1:53117/oauth/callback");
    assert.equal(loc.searchParams.get("state"), "3f1c2d9e-state");
    const code = loc.searchParams.get("code")!;
    const t = await exchange(code, v);
    assert.equal(t.status, 200, t.text);
    assert.equal(typeof t.json.refreshToken, "string");
    assert.equal((await portal(emu, "/assignment/accounts", String(t.json.accessToken))).status, 200);
    assert.equal((await exchange(code, v)).json.error, "invalid_grant", "codes are single use");
    assert.equal(emu.counters().ops.Authorize, 1);
    assert.equal(emu.counters().grants.authorization_code, 2);
  });

  test("a wrong verifier or redirectUri is invalid_grant", async () => {
    const v = verifier();
    const code1 = new URL((await authorize({ v })).location!).searchParams.get("code")!;
    assert.equal((await exchange(code1, verifier())).json.error, "invalid_grant");
    const code2 = new URL((await authorize({ v })).location!).searchParams.get("code")!;
    assert.equal((await exchange(code2, v, "http://127.0.0.1:1/oauth/callback")).json.error, "invalid_grant");
  });

  test("redirect_uri must be loopback and match a registered path (any port); no redirect otherwise", async () => {
    for (const redirect of [
      "http://evil.example/oauth/callback",
      "http://127.0.0.1:5/other",
      "https://127.0.0.1/oauth/callback",
    ]) {
      const a = await authorize({ v: verifier(), redirect });
      assert.equal(a.status, 400, redirect);
      assert.equal(a.location, null);
    }
    const local = await authorize({ v: verifier(), redirect: "http://127.0.0.1:9/oauth/callback" });
    assert.equal(local.status, 302);
  });

  test("unknown clients are refused without a redirect; bad PKCE parameters redirect with an error", async () => {
    const unknown = await authorize({ v: verifier(), clientId: "nope" });
    assert.equal(unknown.status, 401);
    assert.equal(unknown.location, null);
    const plain = await authorize({ v: verifier(), method: "plain" });
    const loc = new URL(plain.location!);
    assert.equal(loc.searchParams.get("error"), "invalid_request");
    assert.equal(loc.searchParams.get("state"), "3f1c2d9e-state");
  });

  test('approval "deny" redirects with error=access_denied and the state', async () => {
    emu.configure({ approval: "deny" });
    const a = await authorize({ v: verifier(), state: "s-1" });
    emu.configure({ approval: { autoAfterPolls: 2 } });
    const loc = new URL(a.location!);
    assert.equal(loc.searchParams.get("error"), "access_denied");
    assert.equal(loc.searchParams.get("state"), "s-1");
    assert.equal(loc.searchParams.get("code"), null);
  });

  test("a device-only registration cannot use authorization_code", async () => {
    const device = await register(emu, ["sso:account:access"], { grantTypes: ["refresh_token"] });
    const a = await authorize({ v: verifier(), clientId: device.clientId });
    assert.equal(new URL(a.location!).searchParams.get("error"), "unauthorized_client");
  });
});
