// Bad input through the real CLI: each gives a clear message and a non-zero exit, and no cache file is
// written or overwritten. Secrets never appear, even at --log-level debug.
import assert from "node:assert/strict";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { afterEach, describe, test } from "node:test";
import { registrationCachePath, tokenCachePath } from "../../src/core/auth/index.ts";
import { assertNoSecrets, cacheSecrets, runCli, startCli, writeUserFiles } from "./cli.ts";
import { authWorld, seedToken, snapshotCache, testSession, type AuthWorld } from "./support.ts";

let w: AuthWorld | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});
const session = testSession();

async function world(opts: Parameters<typeof authWorld>[0] = {}): Promise<AuthWorld> {
  w = await authWorld(opts);
  await writeUserFiles(w.home.home, { accountId: "111111111111", role: "Admin" });
  return w;
}

describe("bad input", () => {
  test("unreachable endpoint: network error naming the endpoint, exit 5, nothing written", async () => {
    const x = await world();
    const res = await runCli(["login", "--device-code"], {
      ...x.env,
      AWS_ENDPOINT_URL_SSO_OIDC: "http://127.0.0.1:9",
    });
    assert.equal(res.code, 5, res.stderr);
    assert.match(
      res.stderr,
      /cannot reach the IAM Identity Center OIDC endpoint http:\/\/127\.0\.0\.1:9 \(ECONNREFUSED\)/,
    );
    assert.match(res.stderr, /hint: /);
    assert.deepEqual(await snapshotCache(x.cacheDir), {});
  });

  test("corrupt and foreign token files: status explains and exits 4; a denied login leaves them alone", async () => {
    const x = await world({ approval: "deny" });
    await mkdir(x.cacheDir, { recursive: true });
    const file = tokenCachePath(session, { env: x.env });
    const foreign = JSON.stringify({
      startUrl: "https://other.awsapps.com/start",
      accessToken: "foreign-access-token-1",
      expiresAt: "2099-01-01T00:00:00Z",
    });
    for (const [content, why] of [
      ["{ this is not json", /not valid JSON/],
      [foreign, /another start URL \(https:\/\/other\.awsapps\.com\/start\)/],
    ] as const) {
      await writeFile(file, content);
      const st = await runCli(["status"], x.env);
      assert.equal(st.code, 4, st.stderr);
      assert.match(st.stdout, /acme: not logged in: the token file is unusable/);
      assert.match(st.stdout, why);
      const login = await runCli(["login", "--device-code"], x.env);
      assert.equal(login.code, 1, login.stderr);
      assert.match(login.stderr, /unusable/);
      assert.match(login.stderr, /aws-sso-sync: the sign-in request was denied/);
      assert.equal(await readFile(file, "utf8"), content, "never overwritten");
      assertNoSecrets(st.stdout + st.stderr + login.stdout + login.stderr, ["foreign-access-token-1"]);
    }
  });

  test("expired token with an expired registration: login needed, with the reason; nothing rewritten", async () => {
    const x = await world();
    await seedToken(x, session, -60, { registrationExpiresAt: "2020-01-01T00:00:00Z" });
    const before = await snapshotCache(x.cacheDir);
    const res = await runCli(["status", "--log-level", "debug"], x.env);
    assert.equal(res.code, 4);
    assert.match(res.stdout, /not logged in: token expired/);
    assert.match(res.stdout, /cannot refresh: client registration expired/);
    const json = await runCli(["status", "--json"], x.env);
    const rec = (JSON.parse(json.stdout) as { sessions: Array<Record<string, unknown>> }).sessions[0];
    assert.equal(rec?.needsLogin, true);
    assert.equal(rec?.refreshBlocker, "client registration expired");
    assert.deepEqual(await snapshotCache(x.cacheDir), before);
    assertNoSecrets(res.stdout + res.stderr + json.stdout, await cacheSecrets(x.cacheDir));
  });

  test("an expired cached registration is replaced by login (a new RegisterClient)", async () => {
    const x = await world({ approval: { autoAfterPolls: 0 } });
    await mkdir(x.cacheDir, { recursive: true });
    const regFile = registrationCachePath(session, { env: x.env });
    await writeFile(
      regFile,
      JSON.stringify({
        clientId: "gone",
        clientSecret: "expired-secret-1",
        expiresAt: "2020-01-01T00:00:00Z",
        scopes: ["sso:account:access"],
      }),
    );
    const res = await runCli(["login", "--device-code", "--log-level", "debug"], x.env);
    assert.equal(res.code, 0, res.stderr);
    assert.equal(x.emu.counters().ops.RegisterClient, 1);
    assert.notEqual(JSON.parse(await readFile(regFile, "utf8")).clientId, "gone");
    assertNoSecrets(res.stdout + res.stderr, [...(await cacheSecrets(x.cacheDir)), "expired-secret-1"]);
  });

  test("denied device code: exit 1, clear message, nothing written", async () => {
    const x = await world({ approval: "deny" });
    const res = await runCli(["login", "--device-code"], x.env);
    assert.equal(res.code, 1);
    assert.match(res.stderr, /the sign-in request was denied/);
    assert.match(res.stderr, /hint: run login again/);
    assert.deepEqual(await snapshotCache(x.cacheDir), {});
  });

  test("expired device code: stops by itself, exit 1, nothing written", async () => {
    const x = await world({ approval: "manual", deviceCodeTtlSec: 1 });
    const res = await runCli(["login", "--device-code"], x.env, 20_000);
    assert.equal(res.code, 1, res.stderr);
    assert.match(res.stderr, /the device code expired before the sign-in was approved/);
    assert.deepEqual(await snapshotCache(x.cacheDir), {});
  });

  test("Ctrl-C while waiting: exit 130, nothing written", async () => {
    for (const flow of ["--device-code", "--pkce"]) {
      const x = await world({ approval: "manual" });
      const run = startCli(["login", flow, "--no-browser"], x.env);
      await run.waitForStderr(/Waiting for/);
      run.child.kill("SIGINT");
      const res = await run.done;
      assert.equal(res.code, 130, res.stderr);
      assert.match(res.stderr, /login cancelled; nothing was written/);
      assert.deepEqual(await snapshotCache(x.cacheDir), {});
      await x.close();
      w = undefined;
    }
  });
});
