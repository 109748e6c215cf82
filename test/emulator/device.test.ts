// Device-code flow (docs/internals/oidc.md 3-5, docs/internals/emulator.md 3.7): pending until approved, two
// back-to-back polls tolerated, slow_down only for a run of fast polls, denial, expiry →
// ExpiredTokenException.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { CreateTokenCommand, SSOOIDCClient } from "@aws-sdk/client-sso-oidc";
import { startTestEmulator, type TestEmulator } from "../support/emulator.ts";
import { DEVICE_GRANT, pollDevice, raw, register, sleep, startDevice } from "./helpers.ts";

describe("device authorization", () => {
  let emu: TestEmulator;
  before(async () => {
    emu = await startTestEmulator({});
  });
  after(() => emu.close());

  test("default approval: two back-to-back pending polls, then a token (the CLI's rhythm)", async () => {
    emu.configure({ approval: { autoAfterPolls: 2 } });
    const reg = await register(emu, ["sso:account:access"]);
    const { deviceCode } = await startDevice(emu, reg);
    const first = await pollDevice(emu, reg, deviceCode);
    const second = await pollDevice(emu, reg, deviceCode);
    assert.equal(first.json.error, "authorization_pending");
    assert.equal(second.json.error, "authorization_pending", "no slow_down for the second quick poll");
    const third = await pollDevice(emu, reg, deviceCode);
    assert.equal(third.status, 200);
    assert.equal(typeof third.json.accessToken, "string");
    const again = await pollDevice(emu, reg, deviceCode);
    assert.equal(again.json.error, "invalid_grant", "a device code is single use");
  });

  test("manual approval waits for approve(userCode) and only that code", async () => {
    emu.configure({ approval: "manual" });
    const reg = await register(emu);
    const a = await startDevice(emu, reg);
    const b = await startDevice(emu, reg);
    for (let i = 0; i < 4; i++) {
      const r = await pollDevice(emu, reg, a.deviceCode);
      assert.ok(["authorization_pending", "slow_down"].includes(String(r.json.error)));
    }
    emu.approve(a.userCode);
    assert.equal((await pollDevice(emu, reg, a.deviceCode)).status, 200);
    assert.equal((await pollDevice(emu, reg, b.deviceCode)).json.error, "authorization_pending");
  });

  test("hammering faster than the interval earns slow_down", async () => {
    emu.configure({ approval: "manual", deviceInterval: 1 });
    const reg = await register(emu);
    const { deviceCode } = await startDevice(emu, reg);
    const errors: string[] = [];
    for (let i = 0; i < 6; i++) errors.push(String((await pollDevice(emu, reg, deviceCode)).json.error));
    assert.deepEqual(
      errors.slice(0, 4),
      Array(4).fill("authorization_pending"),
      "a few quick polls are tolerated",
    );
    assert.deepEqual(errors.slice(4), ["slow_down", "slow_down"]);
    // Waiting the interval resets the run.
    await sleep(600);
    assert.equal((await pollDevice(emu, reg, deviceCode)).json.error, "authorization_pending");
  });

  test('deny(userCode) and approval "deny" answer AccessDeniedException', async () => {
    emu.configure({ approval: "manual" });
    const reg = await register(emu);
    const a = await startDevice(emu, reg);
    emu.deny(a.userCode);
    const denied = await pollDevice(emu, reg, a.deviceCode);
    assert.equal(denied.status, 400);
    assert.match(denied.headers.get("x-amzn-ErrorType") ?? "", /^AccessDeniedException:/);
    assert.equal(denied.json.error, "access_denied");
    emu.configure({ approval: "deny" });
    const b = await startDevice(emu, reg);
    assert.equal((await pollDevice(emu, reg, b.deviceCode)).json.error, "access_denied");
  });

  test("after deviceCodeTtlSec the poll answers ExpiredTokenException (SDK name too)", async () => {
    emu.configure({ approval: "manual", deviceCodeTtlSec: 0.3 });
    const client = new SSOOIDCClient({ region: "us-east-1", endpoint: emu.url });
    const reg = await register(emu);
    const { deviceCode } = await startDevice(emu, reg);
    await sleep(350);
    const r = await pollDevice(emu, reg, deviceCode);
    assert.equal(r.json.error, "expired_token");
    await assert.rejects(
      client.send(new CreateTokenCommand({ ...reg, grantType: DEVICE_GRANT, deviceCode })),
      {
        name: "ExpiredTokenException",
      },
    );
    emu.approve(); // approving an expired code changes nothing
    assert.equal((await pollDevice(emu, reg, deviceCode)).json.error, "expired_token");
    emu.configure({ deviceCodeTtlSec: 600 });
  });

  test("opening verificationUriComplete approves the code, like a signed-in browser", async () => {
    emu.configure({ approval: "manual" });
    const reg = await register(emu);
    const { deviceCode, body } = await startDevice(emu, reg);
    assert.equal((await pollDevice(emu, reg, deviceCode)).json.error, "authorization_pending");
    const page = await raw(String(body.verificationUriComplete));
    assert.equal(page.status, 200);
    assert.match(page.text, /approved/);
    assert.equal((await pollDevice(emu, reg, deviceCode)).status, 200);
  });

  test("a device code only works for the client that started it", async () => {
    emu.configure({ approval: { autoAfterPolls: 0 } });
    const mine = await register(emu);
    const other = await register(emu);
    const { deviceCode } = await startDevice(emu, mine);
    assert.equal((await pollDevice(emu, other, deviceCode)).json.error, "invalid_grant");
    assert.equal((await pollDevice(emu, mine, deviceCode)).status, 200);
  });
});
