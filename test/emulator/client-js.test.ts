// The JS SDK v3 found through AWS_ENDPOINT_URL_SSO / AWS_ENDPOINT_URL_SSO_OIDC alone (no `endpoint`
// option): device login, refresh, GetRoleCredentials; then fromSSO refreshing a near-expiry cached token
// through the SDK's nested clients.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { GetRoleCredentialsCommand, ListAccountRolesCommand, SSOClient } from "@aws-sdk/client-sso";
import {
  CreateTokenCommand,
  RegisterClientCommand,
  SSOOIDCClient,
  StartDeviceAuthorizationCommand,
} from "@aws-sdk/client-sso-oidc";
import { fromSSO } from "@aws-sdk/credential-providers";
import {
  setProcessEnv,
  startTestEmulator,
  tempHome,
  type TempHome,
  type TestEmulator,
} from "../support/emulator.ts";
import { DEVICE_GRANT, sleep, START_URL } from "./helpers.ts";

describe("JS SDK against the emulator via AWS_ENDPOINT_URL_*", () => {
  let emu: TestEmulator;
  let home: TempHome;
  let restore: () => void;
  before(async () => {
    emu = await startTestEmulator({ approval: { autoAfterPolls: 1 } });
    home = await tempHome();
    restore = setProcessEnv({ ...home.env, ...emu.env });
  });
  after(async () => {
    restore?.();
    await emu?.close();
    await home?.cleanup();
  });

  test("RegisterClient, device CreateToken, refresh CreateToken, GetRoleCredentials", async () => {
    const oidc = new SSOOIDCClient({ region: "us-east-1" });
    const sso = new SSOClient({ region: "us-east-1" });
    const reg = await oidc.send(
      new RegisterClientCommand({
        clientName: "js-test",
        clientType: "public",
        scopes: ["sso:account:access"],
      }),
    );
    const creds = { clientId: reg.clientId!, clientSecret: reg.clientSecret! };
    const auth = await oidc.send(new StartDeviceAuthorizationCommand({ ...creds, startUrl: START_URL }));
    let token;
    for (let i = 0; i < 10 && !token; i++) {
      try {
        token = await oidc.send(
          new CreateTokenCommand({ ...creds, grantType: DEVICE_GRANT, deviceCode: auth.deviceCode! }),
        );
      } catch (err) {
        assert.equal((err as Error).name, "AuthorizationPendingException");
        await sleep(200);
      }
    }
    assert.ok(token?.refreshToken, "scoped login returns a refresh token");
    const refreshed = await oidc.send(
      new CreateTokenCommand({ ...creds, grantType: "refresh_token", refreshToken: token.refreshToken }),
    );
    assert.equal(refreshed.expiresIn, 3600);
    const a = emu.options.org.accounts[2]!;
    const roles = await sso.send(
      new ListAccountRolesCommand({ accessToken: refreshed.accessToken!, accountId: a.accountId }),
    );
    assert.deepEqual(
      roles.roleList?.map((r) => r.roleName),
      a.roles,
    );
    const rc = await sso.send(
      new GetRoleCredentialsCommand({
        accessToken: refreshed.accessToken!,
        accountId: a.accountId,
        roleName: a.roles[0]!,
      }),
    );
    const exp = rc.roleCredentials!.expiration!;
    assert.ok(exp - Date.now() > 3_500_000 && exp - Date.now() < 3_700_000);
    const c = emu.counters();
    assert.equal(c.grants.device_code, 2);
    assert.equal(c.grants.refresh_token, 1);
    assert.equal(c.ops.GetRoleCredentials, 1);
  });

  test("fromSSO refreshes a cached token with 2 minutes left and writes it back", async () => {
    const issued = emu.issueToken();
    const a = emu.options.org.accounts[0]!;
    await mkdir(join(home.home, ".aws", "sso", "cache"), { recursive: true });
    await writeFile(
      join(home.home, ".aws", "config"),
      `[sso-session js]\nsso_start_url = ${START_URL}\nsso_region = us-east-1\n\n` +
        `[profile js]\nsso_session = js\nsso_account_id = ${a.accountId}\nsso_role_name = ${a.roles[0]}\n`,
    );
    const file = join(
      home.home,
      ".aws",
      "sso",
      "cache",
      `${createHash("sha1").update("js").digest("hex")}.json`,
    );
    const cached = {
      startUrl: START_URL,
      region: "us-east-1",
      accessToken: issued.accessToken,
      expiresAt: new Date(Date.now() + 120_000).toISOString(),
      clientId: issued.clientId,
      clientSecret: issued.clientSecret,
      registrationExpiresAt: new Date(issued.registrationExpiresAt * 1000).toISOString(),
      refreshToken: issued.refreshToken,
    };
    await writeFile(file, JSON.stringify(cached), { mode: 0o600 });
    const before = emu.counters().grants.refresh_token ?? 0;
    const creds = await fromSSO({ profile: "js", ignoreCache: true })(); // the ini loader caches per process
    assert.match(creds.accessKeyId, /^ASIA/);
    assert.equal(emu.counters().grants.refresh_token, before + 1);
    const written = JSON.parse(await readFile(file, "utf8")) as typeof cached;
    assert.notEqual(written.accessToken, issued.accessToken);
    assert.notEqual(written.refreshToken, issued.refreshToken);
  });
});
