// python3 botocore (pip 1.43) with its own unsigned sso-oidc and sso clients: device login, refresh,
// pagination, GetRoleCredentials and the error code botocore derives from the header.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { generateOrg } from "../../src/emulator/index.ts";
import { awsCliEnv, botocoreSkip, runPython } from "../support/aws-cli.ts";
import { startTestEmulator, tempHome, type TempHome, type TestEmulator } from "../support/emulator.ts";

describe("botocore against the emulator", { skip: botocoreSkip() }, () => {
  let emu: TestEmulator;
  let home: TempHome;
  before(async () => {
    emu = await startTestEmulator({ org: generateOrg(5, { seed: 11 }), approval: { autoAfterPolls: 1 } });
    home = await tempHome();
  });
  after(async () => {
    await emu?.close();
    await home?.cleanup();
  });

  test("device login, refresh and GetRoleCredentials", async () => {
    const r = await runPython("botocore_device_flow.py", [], awsCliEnv(home.home, emu.url));
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    const org = emu.options.org.accounts;
    assert.equal(out.registrationSeconds, 7_776_000);
    assert.equal(out.interval, 1);
    assert.equal(out.pendingPolls, 1);
    assert.equal(out.expiresIn, 3600);
    assert.equal(out.hadRefreshToken, true);
    assert.equal(out.rotated, true);
    assert.equal(out.reuseCode, "InvalidGrantException");
    assert.deepEqual(
      out.accounts,
      org.map((a) => a.accountId),
    );
    assert.equal(out.role, org[0]!.roles[0]);
    assert.equal(out.accessKeyPrefix, "ASIA");
    const lead = (out.expiration as number) - (out.now as number);
    assert.ok(lead > 3_500_000 && lead < 3_700_000, `expiration lead ${lead} ms`);
    assert.deepEqual(out.unauthorized, { code: "UnauthorizedException", status: 401 });
    const c = emu.counters();
    assert.equal(c.grants.device_code, 2);
    assert.equal(c.grants.refresh_token, 2);
    assert.equal(c.ops.ListAccounts, 4, "3 pages of 2, plus the unauthorized call");
    assert.equal(c.ops.GetRoleCredentials, 1);
  });
});
