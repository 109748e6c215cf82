import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { startCallbackServer } from "./callback-server.ts";
import { LoginCancelledError, LoginFailedError } from "./flow.ts";

describe("loopback callback server", () => {
  test("binds 127.0.0.1 on a free port and resolves with code and state", async () => {
    const server = await startCallbackServer({ state: "s1", timeoutMs: 5000 });
    try {
      assert.match(server.redirectUri, /^http:\/\/127\.0\.0\.1:\d+\/oauth\/callback$/);
      const other = await fetch(new URL("/favicon.ico", server.redirectUri));
      assert.equal(other.status, 404);
      const res = await fetch(`${server.redirectUri}?code=abc&state=s1`);
      assert.equal(res.status, 200);
      assert.match(await res.text(), /close this window/);
      assert.deepEqual(await server.result, { code: "abc", state: "s1" });
    } finally {
      await server.close();
    }
  });

  test("reports ?error=access_denied", async () => {
    const server = await startCallbackServer({ state: "s2", timeoutMs: 5000 });
    try {
      const res = await fetch(`${server.redirectUri}?error=access_denied&state=s2`);
      assert.equal(res.status, 400);
      await res.text();
      assert.deepEqual(await server.result, { error: "access_denied", state: "s2" });
    } finally {
      await server.close();
    }
  });

  test("a callback with a wrong or missing state is answered 400 and the wait goes on", async () => {
    const server = await startCallbackServer({ state: "mine", timeoutMs: 5000 });
    let settled = false;
    void server.result.then(
      () => (settled = true),
      () => (settled = true),
    );
    try {
      for (const query of ["code=x&state=other", "error=access_denied&state=other", "code=x", "error=x"]) {
        const res = await fetch(`${server.redirectUri}?${query}`);
        assert.equal(res.status, 400, query);
        assert.match(await res.text(), /does not belong/);
      }
      await new Promise((r) => setTimeout(r, 20));
      assert.equal(settled, false, "a forged callback ended the wait");
      const res = await fetch(`${server.redirectUri}?code=real&state=mine`);
      assert.equal(res.status, 200);
      await res.text();
      assert.deepEqual(await server.result, { code: "real", state: "mine" });
    } finally {
      await server.close();
    }
  });

  test("times out with a clear error, and an abort cancels", async () => {
    const slow = await startCallbackServer({ state: "s3", timeoutMs: 50 });
    await assert.rejects(slow.result, LoginFailedError);
    await slow.close();
    const ac = new AbortController();
    const server = await startCallbackServer({ state: "s4", timeoutMs: 5000, signal: ac.signal });
    ac.abort();
    await assert.rejects(server.result, LoginCancelledError);
    await server.close();
    await assert.rejects(fetch(server.redirectUri), "the port is closed afterwards");
  });
});
