// The real AWS CLI v2 (Debian 2.9.19, /usr/bin/aws) against the emulator through AWS_DATA_PATH rulesets
// (docs/internals/emulator.md 2): device login, export-credentials, a forced refresh, botocore reading the
// same cache, and logout.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdir, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { awsCliEnv, awsCliSkip, botocoreSkip, runAws, runPython } from "../support/aws-cli.ts";
import {
  startTestEmulator,
  tempHome,
  type TempHome,
  type TestEmulator,
  type TestEnv,
} from "../support/emulator.ts";
import { START_URL } from "./helpers.ts";

const skip = awsCliSkip();
const sha1 = (s: string) => createHash("sha1").update(s).digest("hex");

describe("AWS CLI v2 against the emulator", { skip }, () => {
  let emu: TestEmulator;
  let home: TempHome;
  let env: TestEnv;
  let tokenFile: string;
  before(async () => {
    emu = await startTestEmulator({ approval: { autoAfterPolls: 2 } });
    home = await tempHome();
    env = awsCliEnv(home.home, emu.url);
    const a = emu.options.org.accounts[0]!;
    await mkdir(join(home.home, ".aws"), { recursive: true });
    await writeFile(
      join(home.home, ".aws", "config"),
      [
        "[sso-session my-sso]",
        `sso_start_url = ${START_URL}`,
        "sso_region = us-east-1",
        "sso_registration_scopes = sso:account:access",
        "",
        "[profile p]",
        "sso_session = my-sso",
        `sso_account_id = ${a.accountId}`,
        `sso_role_name = ${a.roles[0]}`,
        "region = us-west-2",
        "",
      ].join("\n"),
    );
    tokenFile = join(home.home, ".aws", "sso", "cache", `${sha1("my-sso")}.json`);
  });
  after(async () => {
    await emu?.close();
    await home?.cleanup();
  });

  test("sso login --no-browser completes the device flow and writes the token cache", async () => {
    const r = await runAws(["sso", "login", "--profile", "p", "--no-browser"], env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Successfully logged into Start URL/);
    const c = emu.counters();
    assert.equal(c.ops.RegisterClient, 1);
    assert.equal(c.ops.StartDeviceAuthorization, 1);
    assert.equal(c.grants.device_code, 3, "two pending polls, then the token");
    const cached = JSON.parse(await readFile(tokenFile, "utf8")) as Record<string, string>;
    assert.equal(cached.startUrl, START_URL);
    assert.equal(typeof cached.refreshToken, "string");
    assert.match(cached.registrationExpiresAt!, /Z$/);
    assert.equal((await stat(tokenFile)).mode & 0o777, 0o600);
  });

  test("export-credentials fetches role credentials with the cached token", async () => {
    const r = await runAws(["configure", "export-credentials", "--profile", "p"], env);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { AccessKeyId: string; Expiration: string };
    assert.match(out.AccessKeyId, /^ASIA/);
    const ms = Date.parse(out.Expiration) - Date.now();
    assert.ok(ms > 3000_000 && ms < 3700_000, `expiration in ${ms} ms (epoch ms parsed right)`);
    assert.equal(emu.counters().ops.GetRoleCredentials, 1);
  });

  test("a token with 5 minutes left is refreshed through the refresh_token grant", async () => {
    const before = JSON.parse(await readFile(tokenFile, "utf8")) as Record<string, string>;
    const soon = new Date(Date.now() + 5 * 60_000).toISOString().replace(/\.\d+Z$/, "Z");
    await writeFile(tokenFile, JSON.stringify({ ...before, expiresAt: soon }));
    // The CLI's own role-credential cache would answer without asking the token provider.
    await rm(join(home.home, ".aws", "cli", "cache"), { recursive: true, force: true });
    const r = await runAws(["configure", "export-credentials", "--profile", "p"], env);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(emu.counters().grants.refresh_token, 1);
    const afterRefresh = JSON.parse(await readFile(tokenFile, "utf8")) as Record<string, string>;
    assert.notEqual(afterRefresh.accessToken, before.accessToken);
    assert.notEqual(afterRefresh.refreshToken, before.refreshToken, "rotated refresh token stored");
    assert.ok(Date.parse(afterRefresh.expiresAt!) - Date.now() > 50 * 60_000);
  });

  test("python3 botocore resolves credentials from the same cache", { skip: botocoreSkip() }, async () => {
    const r = await runPython("botocore_credentials.py", ["p"], env);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { method: string; accessKeyPrefix: string };
    assert.equal(out.method, "sso");
    assert.equal(out.accessKeyPrefix, "ASIA");
  });

  test("sso logout calls Logout and removes the token (not the registration)", async () => {
    const r = await runAws(["sso", "logout"], env);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(emu.counters().ops.Logout, 1);
    const files = await readdir(join(home.home, ".aws", "sso", "cache"));
    assert.deepEqual(files, [
      `${sha1('{"region": "us-east-1", "scopes": ["sso:account:access"], "session_name": "my-sso", "startUrl": "https://d-1234567890.awsapps.com/start", "tool": "botocore"}')}.json`,
    ]);
  });
});
