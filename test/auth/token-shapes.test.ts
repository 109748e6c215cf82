// Each shape other tools leave in our token file keeps working (docs/internals/token-file-shapes.md): we
// read it, recover the client registration it lost, refresh when due, write back the complete file, and
// boto3 resolves credentials after the access token expired. `status` tells which tool wrote it last.
import assert from "node:assert/strict";
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { fromSSO } from "@aws-sdk/credential-providers";
import { getValidToken, sessionStatus, tokenCachePath } from "../../src/core/auth/index.ts";
import { writeRegistration } from "../../src/core/auth/registration.ts";
import type { AuthSession } from "../../src/core/auth/session.ts";
import type { IssuedToken } from "../../src/emulator/index.ts";
import { awsCliEnv, botocoreSkip, runPython } from "../support/aws-cli.ts";
import { assertNoSecrets, cacheSecrets, runCli } from "./cli.ts";
import { AUTH, START_URL, authWorld, seedToken, testSession, type AuthWorld } from "./support.ts";
import { botocoreRefresh, bytenessRewrite, jsSdkRefresh } from "./token-writers.ts";

let w: AuthWorld | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

const CLI_FIELDS = [
  "startUrl",
  "region",
  "accessToken",
  "expiresAt",
  "clientId",
  "clientSecret",
  "registrationExpiresAt",
  "refreshToken",
];

/** A logged-in session as `aws-sso-sync login` leaves it: the token file, the registration file, a profile. */
async function loggedIn(name: string, ttlSec: number): Promise<{ s: AuthSession; issued: IssuedToken }> {
  assert.ok(w);
  const s = testSession({ name });
  const issued = await seedToken(w, s, ttlSec);
  const reg = { clientId: issued.clientId, clientSecret: issued.clientSecret, scopes: [...s.scopes] };
  await writeRegistration(s, { ...reg, expiresAt: new Date(issued.registrationExpiresAt * 1000) }, w);
  const a = w.emu.options.org.accounts[0];
  assert.ok(a?.roles[0]);
  const cfgDir = join(w.home.home, ".config", "aws-sso-sync");
  await mkdir(cfgDir, { recursive: true });
  await writeFile(
    join(cfgDir, "config.yaml"),
    `sessions:\n  - name: ${name}\n    startUrl: ${START_URL}\n    region: ${s.region}\n`,
  );
  await writeFile(
    join(w.home.home, ".aws", "config"),
    `[sso-session ${name}]\nsso_start_url = ${START_URL}\nsso_region = ${s.region}\nsso_registration_scopes = sso:account:access\n\n` +
      `[profile ${name}]\nsso_session = ${name}\nsso_account_id = ${a.accountId}\nsso_role_name = ${a.roles[0]}\n`,
  );
  return { s, issued };
}

const file = (s: AuthSession) => tokenCachePath(s, { env: w?.env });
const readObj = async (s: AuthSession) =>
  JSON.parse(await readFile(file(s), "utf8")) as Record<string, string>;
const refreshes = () => w?.emu.counters().grants.refresh_token ?? 0;
const writer = async (s: AuthSession) => (await sessionStatus(s, { ...AUTH, env: w?.env })).writtenBy;

/** boto3 (python3 botocore) resolves credentials for the session's profile; its stdout as JSON. */
async function boto3Resolves(s: AuthSession): Promise<{ hasSessionToken: boolean }> {
  assert.ok(w);
  const r = await runPython("botocore_credentials.py", [s.name], {
    ...w.env,
    ...awsCliEnv(w.home.home, w.emu.url),
  });
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as { hasSessionToken: boolean };
}

/** After the token expired: our refresh writes the complete file in the CLI's layout, and boto3 resolves
 * (unless `boto3` is false: the caller runs botocore itself later). */
async function refreshedAfterExpiry(
  s: AuthSession,
  issued: IssuedToken,
  refresh: () => Promise<string | undefined> = async () =>
    (await getValidToken(s, { ...AUTH, env: w?.env })).accessToken,
  boto3 = true,
): Promise<void> {
  const before = refreshes();
  const fresh = await refresh();
  assert.equal(refreshes(), before + 1);
  const obj = await readObj(s);
  assert.deepEqual(Object.keys(obj).slice(0, CLI_FIELDS.length), CLI_FIELDS);
  if (fresh) assert.equal(obj.accessToken, fresh);
  assert.equal(obj.clientId, issued.clientId);
  assert.equal((await stat(file(s))).mode & 0o777, 0o600);
  assert.equal(await writer(s), "aws-sso-sync");
  if (boto3 && !botocoreSkip()) await boto3Resolves(s);
}

describe("token file shapes other tools write", { timeout: 60_000 }, () => {
  test("ByteNess aws-vault (accessToken, expiresAt, refreshToken only): registration recovered, refreshed after expiry, then botocore refreshes our write-back by itself", async () => {
    w = await authWorld();
    const { s, issued } = await loggedIn("byteness", 2);
    assert.equal(await writer(s), "aws-sso-sync");
    const expiresAt = new Date(Date.now() + 1500);
    await bytenessRewrite(file(s), {
      accessToken: issued.accessToken,
      expiresAt,
      refreshToken: issued.refreshToken,
    });
    // A new process (the CLI) has no memory of the complete file: the registration file is all it has.
    const json = await runCli(["status", "--json"], w.env);
    const st = (JSON.parse(json.stdout) as { sessions: Array<Record<string, unknown>> }).sessions[0];
    assert.equal(st?.writtenBy, "aws-vault");
    assert.equal(st?.canRefresh, true, String(st?.refreshBlocker));
    assert.equal(st?.registrationFrom, "registration-file");
    const text = await runCli(["status"], w.env);
    assert.match(text.stdout, /written last by aws-vault \(ByteNess/);
    assert.match(text.stdout, /client registration from .*registration cache file/);
    assertNoSecrets(json.stdout + text.stdout + text.stderr, await cacheSecrets(w.cacheDir));
    await sleep(expiresAt.getTime() - Date.now() + 200);
    w.emu.configure({ accessTokenTtlSec: 2 }); // the token our refresh writes back expires soon too
    await refreshedAfterExpiry(
      s,
      issued,
      async () => {
        const r = await runCli(["login"], w?.env ?? {});
        assert.equal(r.code, 0, r.stdout + r.stderr);
        return undefined;
      },
      false,
    );
    if (botocoreSkip()) return;
    // botocore by itself, from the complete file we wrote back: nothing of ours runs from here on.
    const ours = await readObj(s);
    w.emu.configure({ accessTokenTtlSec: 3600 });
    await sleep(Date.parse(ours.expiresAt ?? "") - Date.now() + 200);
    const before = refreshes();
    assert.equal((await readObj(s)).accessToken, ours.accessToken, "nobody refreshed in between");
    assert.equal((await boto3Resolves(s)).hasSessionToken, true);
    assert.equal(refreshes(), before + 1, "botocore refreshed once");
    const theirs = await readObj(s);
    assert.notEqual(theirs.accessToken, ours.accessToken);
    assert.ok(Date.parse(theirs.expiresAt ?? "") - Date.now() > 50 * 60_000, theirs.expiresAt);
    assert.equal(theirs.clientId, issued.clientId);
    assert.equal(await writer(s), "aws-cli/botocore");
  });

  test("ByteNess without a refresh token: the last registration and refresh token this process saw", async () => {
    w = await authWorld();
    const { s, issued } = await loggedIn("byteness-bare", 2);
    await getValidToken(s, { ...AUTH, env: w.env }); // this process (a daemon) has seen the complete file
    await bytenessRewrite(file(s), {
      accessToken: issued.accessToken,
      expiresAt: new Date(Date.now() + 1500),
    });
    await sleep(1700);
    await refreshedAfterExpiry(s, issued);
  });

  test(
    "botocore's refresh (a fresh dict, unknown fields dropped): refreshed again after expiry",
    { skip: botocoreSkip() },
    async () => {
      w = await authWorld();
      const { s, issued } = await loggedIn("botocore", 300); // inside botocore's 15 min window
      w.emu.configure({ accessTokenTtlSec: 2 });
      assert.ok(w);
      await botocoreRefresh(w.home.home, w.emu.url, s.name, w.env);
      assert.equal(refreshes(), 1, "botocore refreshed");
      assert.equal(await writer(s), "aws-cli/botocore");
      w.emu.configure({ accessTokenTtlSec: 3600 });
      await sleep(2200);
      await refreshedAfterExpiry(s, issued);
    },
  );

  test("the JS SDK's refresh (indented, milliseconds): refreshed again after expiry, and the JS SDK reads our file", async () => {
    w = await authWorld();
    const { s, issued } = await loggedIn("jssdk", 120); // inside the JS SDK's 5 min window
    w.emu.configure({ accessTokenTtlSec: 2 });
    await jsSdkRefresh(s.name);
    assert.equal(refreshes(), 1, "the JS SDK refreshed");
    assert.match(await readFile(file(s), "utf8"), /^\{\n {2}"/);
    const sdk = await readObj(s);
    // new Date(…).toISOString(): milliseconds, always three digits.
    assert.match(sdk.expiresAt ?? "", /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.equal(await writer(s), "js-sdk");
    w.emu.configure({ accessTokenTtlSec: 3600 });
    await sleep(Date.parse(sdk.expiresAt ?? "") - Date.now() + 200);
    await refreshedAfterExpiry(s, issued);
    // The complete file we wrote back is read by the JS SDK again, which has no reason to refresh it.
    const before = refreshes();
    const creds = await fromSSO({ profile: s.name, ignoreCache: true })();
    assert.ok(creds.accessKeyId && creds.sessionToken);
    assert.equal(refreshes(), before, "the JS SDK used our token");
    assert.equal(await writer(s), "aws-sso-sync");
  });
});
