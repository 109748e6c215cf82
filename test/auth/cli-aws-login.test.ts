// After `aws sso login` (the real AWS CLI v2 against the emulator) our status sees that token and our
// login keeps it instead of starting a new flow; --force starts one and reuses the CLI's registration.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { after, before, describe, test } from "node:test";
import { registrationCachePath, tokenCachePath } from "../../src/core/auth/index.ts";
import { awsCliEnv, awsCliSkip, runAws } from "../support/aws-cli.ts";
import { assertNoSecrets, cacheSecrets, runCli, writeUserFiles } from "./cli.ts";
import { authWorld, testSession, type AuthWorld } from "./support.ts";

describe("interplay with `aws sso login`", { skip: awsCliSkip() }, () => {
  let w: AuthWorld;
  const session = testSession();
  before(async () => {
    w = await authWorld({ approval: { autoAfterPolls: 1 } });
    const account = w.emu.options.org.accounts[0];
    assert.ok(account?.roles[0]);
    await writeUserFiles(w.home.home, { accountId: account.accountId, role: account.roles[0] });
    const res = await runAws(["sso", "login", "--profile", "dev", "--no-browser"], {
      ...w.env,
      ...awsCliEnv(w.home.home, w.emu.url),
    });
    assert.equal(res.code, 0, res.stderr);
  });
  after(() => w.close());

  test("status reports the AWS CLI's token", async () => {
    const res = await runCli(["status"], w.env);
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /^acme: logged in, token expires \d{4}-.*Z \(in (59|60) min\)$/m);
    assert.match(res.stdout, /refreshable with its refresh token/);
    assert.ok(res.stdout.includes(tokenCachePath(session, { env: w.env })));
    const json = await runCli(["status", "--json"], w.env);
    const rec = (JSON.parse(json.stdout) as { sessions: Array<Record<string, unknown>> }).sessions[0];
    assert.equal(rec?.loggedIn, true);
    assert.equal(rec?.writtenBy, "aws-cli/botocore", "the AWS CLI's own layout is recognised");
    assert.match(res.stdout, /written last by the AWS CLI or botocore/);
    assert.equal(rec?.registrationFile, registrationCachePath(session, { env: w.env }));
    assert.ok(rec?.registrationFileExpiresAt, "the CLI's registration file is found under our computed name");
    assertNoSecrets(res.stdout + res.stderr + json.stdout + json.stderr, await cacheSecrets(w.cacheDir));
  });

  test("login keeps the token; --force runs a new flow with the CLI's registration", async () => {
    const file = tokenCachePath(session, { env: w.env });
    const before = await readFile(file, "utf8");
    const ops = w.emu.counters().ops;
    const res = await runCli(["login"], w.env);
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /session acme: already logged in until .*Z \(use --force/);
    assert.deepEqual(w.emu.counters().ops, ops, "no StartDeviceAuthorization, no request at all");
    assert.equal(await readFile(file, "utf8"), before);

    const forced = await runCli(["login", "--force", "--device-code"], w.env);
    assert.equal(forced.code, 0, forced.stderr);
    const now = w.emu.counters().ops;
    assert.equal(now.StartDeviceAuthorization, (ops.StartDeviceAuthorization ?? 0) + 1);
    assert.equal(now.RegisterClient, ops.RegisterClient, "the AWS CLI's registration was reused");
    assert.notEqual(await readFile(file, "utf8"), before);
    assertNoSecrets(forced.stdout + forced.stderr, await cacheSecrets(w.cacheDir));
  });
});
