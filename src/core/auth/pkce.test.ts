import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { authorizeUrl, challengeFor, createVerifier } from "./pkce.ts";

describe("PKCE parameters", () => {
  test("verifier: 64 characters of [A-Za-z0-9-._~], different every time", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const v = createVerifier();
      assert.match(v, /^[A-Za-z0-9\-._~]{64}$/);
      seen.add(v);
    }
    assert.equal(seen.size, 50);
  });

  test("S256 challenge: RFC 7636 appendix B vector", () => {
    assert.equal(
      challengeFor("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
      "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    );
  });

  test("authorize URL: root of the OIDC host, `scopes` space-joined as %20, redirect with port", () => {
    const url = authorizeUrl({
      endpoint: "http://127.0.0.1:8080/base/path",
      clientId: "cid",
      redirectUri: "http://127.0.0.1:53117/oauth/callback",
      state: "st-1",
      challenge: "ch",
      scopes: ["sso:account:access", "codewhisperer:completions"],
    });
    assert.equal(
      url,
      "http://127.0.0.1:8080/authorize?response_type=code&client_id=cid&redirect_uri=http%3A%2F%2F127.0.0.1%3A53117%2Foauth%2Fcallback" +
        "&state=st-1&code_challenge_method=S256&scopes=sso%3Aaccount%3Aaccess%20codewhisperer%3Acompletions&code_challenge=ch",
    );
    const q = new URL(url).searchParams;
    assert.equal(q.get("scopes"), "sso:account:access codewhisperer:completions");
    assert.equal(q.get("scope"), null);
  });
});
