// `aws-sso-sync login` as a real subprocess with each flow, then the AWS CLI v2 (Debian 2.9.19, option A),
// boto3 and the JS SDK use that token from ~/.aws/sso/cache with no login of their own, and botocore
// refreshes it in place when it nears expiry.
import assert from "node:assert/strict";
import { readFile, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, test } from "node:test";
import { fromSSO } from "@aws-sdk/credential-providers";
import { tokenCachePath } from "../../src/core/auth/index.ts";
import { awsCliEnv, awsCliSkip, runAws, runPython } from "../support/aws-cli.ts";
import { setProcessEnv } from "../support/emulator.ts";
import { assertNoSecrets, cacheSecrets, runCli, startCli, writeUserFiles } from "./cli.ts";
import { authWorld, testSession, type AuthWorld } from "./support.ts";

let w: AuthWorld | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

async function world(opts: Parameters<typeof authWorld>[0] = {}) {
  w = await authWorld(opts);
  const account = w.emu.options.org.accounts[0];
  assert.ok(account?.roles[0]);
  await writeUserFiles(w.home.home, { accountId: account.accountId, role: account.roles[0] });
  // The tools' env: temp HOME, AWS_DATA_PATH rulesets (CLI 2.9.19) and the endpoint variables.
  return { w, tools: { ...w.env, ...awsCliEnv(w.home.home, w.emu.url) }, accountId: account.accountId };
}

const tokenFile = (x: AuthWorld) => tokenCachePath(testSession(), { env: x.env });

/** Moves the cached token to `sec` seconds from expiry (as if time had passed). */
async function ageToken(x: AuthWorld, sec: number): Promise<string> {
  const obj = JSON.parse(await readFile(tokenFile(x), "utf8")) as Record<string, string>;
  obj.expiresAt = new Date(Date.now() + sec * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
  await writeFile(tokenFile(x), JSON.stringify(obj));
  return obj.accessToken ?? "";
}

async function toolsResolve(
  tools: Record<string, string | undefined>,
  accountId: string,
  skipCli: string | false,
) {
  const py = await runPython("resolve_profiles.py", ["dev"], tools);
  assert.deepEqual(JSON.parse(py.stdout), { profiles: 1, ok: ["dev"], failed: {} }, py.stderr);
  if (!skipCli) {
    const cli = await runAws(["configure", "export-credentials", "--profile", "dev"], tools);
    assert.equal(cli.code, 0, cli.stderr);
    assert.ok((JSON.parse(cli.stdout) as { AccessKeyId?: string }).AccessKeyId);
  }
  const restore = setProcessEnv(tools);
  try {
    const creds = await fromSSO({ profile: "dev" })();
    assert.ok(creds.accessKeyId && creds.secretAccessKey && creds.sessionToken);
    assert.equal(creds.accountId ?? accountId, accountId);
  } finally {
    restore();
  }
}

describe("login subprocess, then every AWS tool uses the shared cache", () => {
  test("device code: files as the AWS CLI writes them; boto3, aws and fromSSO resolve", async () => {
    const skipCli = awsCliSkip();
    const { w, tools, accountId } = await world({ approval: { autoAfterPolls: 1 } });
    const res = await runCli(["login", "--device-code"], w.env);
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stderr, /confirm the code [A-Z]{4}-[A-Z]{4}/);
    assert.match(res.stderr, /http:\/\/127\.0\.0\.1:\d+\/device\/\?user_code=/);
    assert.match(res.stdout, /session acme: logged in until \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(device-code\)/);
    assert.equal((await stat(tokenFile(w))).mode & 0o777, 0o600);
    assert.equal((await stat(w.cacheDir)).mode & 0o777, 0o700);
    const before = w.emu.counters().ops;
    await toolsResolve(tools, accountId, skipCli);
    const after = w.emu.counters().ops;
    assert.equal(
      after.StartDeviceAuthorization,
      before.StartDeviceAuthorization,
      "no tool logged in on its own",
    );
    assert.equal(after.RegisterClient, before.RegisterClient);
    assert.ok((after.GetRoleCredentials ?? 0) >= (skipCli ? 2 : 3));
    assertNoSecrets(res.stdout + res.stderr, await cacheSecrets(w.cacheDir));
  });

  test("PKCE (--no-browser, the browser leg is a fetch following the 302), then botocore and aws refresh in place", async () => {
    const skipCli = awsCliSkip();
    const { w, tools, accountId } = await world();
    const run = startCli(["login", "--pkce", "--no-browser", "--log-level", "debug"], w.env);
    const [url] = await run.waitForStderr(/http:\/\/127\.0\.0\.1:\d+\/authorize\?\S+/);
    const page = await fetch(url);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /close this window/);
    const res = await run.done;
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /logged in until .* \(pkce\)/);
    assert.equal(w.emu.counters().grants.authorization_code, 1);
    await toolsResolve(tools, accountId, skipCli);
    assertNoSecrets(res.stdout + res.stderr, await cacheSecrets(w.cacheDir));

    // Five minutes left: botocore refreshes from the same cache and writes it back.
    const old = await ageToken(w, 300);
    const refreshes = w.emu.counters().grants.refresh_token ?? 0;
    const py = await runPython("resolve_profiles.py", ["dev"], tools);
    assert.deepEqual(JSON.parse(py.stdout).ok, ["dev"], py.stderr);
    assert.equal(w.emu.counters().grants.refresh_token, refreshes + 1);
    const renewed = JSON.parse(await readFile(tokenFile(w), "utf8")) as Record<string, string>;
    assert.notEqual(renewed.accessToken, old);
    assert.ok(new Date(renewed.expiresAt ?? "").getTime() > Date.now() + 50 * 60_000);
    if (!skipCli) {
      await ageToken(w, 300);
      // Its role-credential cache would otherwise answer without needing the token at all.
      await rm(join(w.home.home, ".aws", "cli", "cache"), { recursive: true, force: true });
      const cli = await runAws(["configure", "export-credentials", "--profile", "dev"], tools);
      assert.equal(cli.code, 0, cli.stderr);
      assert.equal(w.emu.counters().grants.refresh_token, refreshes + 2, "AWS CLI 2.9.19 refreshed too");
    }
    // And our own status agrees: still logged in, refreshable (the refreshed file is still ours).
    const st = await runCli(["status", "--json"], w.env);
    assert.equal(st.code, 0, st.stderr);
    const rec = (JSON.parse(st.stdout) as { sessions: Array<Record<string, unknown>> }).sessions[0];
    assert.equal(rec?.token, "valid");
    assert.equal(rec?.canRefresh, true);
    assertNoSecrets(st.stdout + st.stderr, await cacheSecrets(join(w.home.home, ".aws", "sso", "cache")));
  });
});
