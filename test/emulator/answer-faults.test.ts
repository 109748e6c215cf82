// The answerFaults knob on the wire: `200 {}`, a success body missing a member, and a request accepted
// and never answered, each for a chosen operation (and CreateToken grant), a number of times or always.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startTestEmulator, type TestEmulator } from "../support/emulator.ts";
import { deviceLogin, oidc, portal, raw, refresh } from "./helpers.ts";

const post = (emu: TestEmulator, action: string, body: unknown) =>
  raw(`${emu.url}/_emulator/${action}`, { method: "POST", body: JSON.stringify(body) });

describe("answerFaults", () => {
  let emu: TestEmulator;
  let token: string;
  before(async () => {
    emu = await startTestEmulator({});
    token = emu.issueToken().accessToken;
  });
  after(() => emu.close());

  test("empty, twice: two 200 {} answers to ListAccounts, then the real list", async () => {
    emu.configure({ answerFaults: [{ op: "ListAccounts", answer: "empty", times: 2 }] });
    emu.resetCounters();
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await portal(emu, "/assignment/accounts", token));
    assert.deepEqual(
      answers.map((a) => a.status),
      [200, 200, 200],
    );
    assert.deepEqual(answers[0]!.json, {});
    assert.deepEqual(answers[1]!.json, {});
    assert.ok(Array.isArray(answers[2]!.json.accountList));
    assert.equal(emu.counters().malformed, 2);
    // Other operations are untouched.
    const roles = await portal(
      emu,
      `/assignment/roles?account_id=${emu.options.org.accounts[0]!.accountId}`,
      token,
    );
    assert.ok(Array.isArray(roles.json.roleList));
  });

  test("drop: a member path inside a list is removed; errors are never spoiled", async () => {
    const id = emu.options.org.accounts[0]!.accountId;
    emu.configure({
      answerFaults: [{ op: "ListAccountRoles", answer: "drop", member: "roleList.0.roleName" }],
    });
    const r = await portal(emu, `/assignment/roles?account_id=${id}`, token);
    const list = r.json.roleList as Array<Record<string, unknown>>;
    assert.equal(list[0]!.roleName, undefined);
    assert.equal(list[0]!.accountId, id);
    const unauthorized = await portal(emu, `/assignment/roles?account_id=${id}`, "not-a-token");
    assert.equal(unauthorized.status, 401);
    assert.equal(unauthorized.json.__type, "com.amazonaws.switchboard.portal#UnauthorizedException");
    emu.configure({ answerFaults: [] });
  });

  test("a CreateToken fault for one grant leaves the other grants alone", async () => {
    emu.configure({ answerFaults: [{ op: "CreateToken", grant: "refresh_token", answer: "empty" }] });
    const login = await deviceLogin(emu); // device_code grant: real answer
    assert.match(login.accessToken, /./);
    const r = await refresh(emu, login.reg, login.refreshToken ?? "");
    assert.equal(r.status, 200);
    assert.deepEqual(r.json, {});
    emu.configure({ answerFaults: [] });
  });

  test("hang: the request is accepted and never answered; it changes no state", async () => {
    const login = await deviceLogin(emu);
    emu.configure({
      answerFaults: [{ op: "CreateToken", grant: "refresh_token", answer: "hang", times: 1 }],
    });
    emu.resetCounters();
    await assert.rejects(
      raw(`${emu.url}/token`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ ...login.reg, grantType: "refresh_token", refreshToken: login.refreshToken }),
        signal: AbortSignal.timeout(300),
      }),
      { name: "TimeoutError" },
    );
    const c = emu.counters();
    assert.equal(c.hung, 1);
    assert.equal(c.grants.refresh_token, 1);
    assert.equal(c.statuses["200"], undefined, "no answer was written");
    // The hung refresh did not rotate the refresh token: the same one still works, and is answered.
    const r = await refresh(emu, login.reg, login.refreshToken ?? "");
    assert.equal(r.status, 200);
    assert.match(String(r.json.accessToken), /./);
  });

  test("hang always: closing the emulator releases the held socket", async () => {
    const other = await startTestEmulator({ answerFaults: [{ op: "ListAccounts", answer: "hang" }] });
    const held = portal(other, "/assignment/accounts", other.issueToken().accessToken);
    for (let i = 0; other.counters().hung === 0 && i < 200; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(other.counters().hung, 1);
    await other.close();
    await assert.rejects(held, /fetch failed|other side closed|socket/i);
  });

  test("the control API sets the knob and refuses a bad one with 400", async () => {
    const set = await post(emu, "configure", {
      answerFaults: [{ op: "RegisterClient", answer: "empty", times: 1 }],
    });
    assert.equal(set.status, 200);
    const reg = await oidc(emu, "/client/register", { clientName: "x", clientType: "public" });
    assert.deepEqual(reg.json, {});
    const again = await oidc(emu, "/client/register", { clientName: "x", clientType: "public" });
    assert.match(String(again.json.clientId), /./);
    for (const bad of [
      { op: "Nope", answer: "empty" },
      { op: "ListAccounts", answer: "later" },
      { op: "ListAccounts", answer: "drop" },
      { op: "ListAccounts", answer: "empty", grant: "refresh_token" },
      { op: "ListAccounts", answer: "empty", times: -1 },
    ]) {
      const r = await post(emu, "configure", { answerFaults: [bad] });
      assert.equal(r.status, 400, JSON.stringify(bad));
      assert.match(String(r.json.error), /answerFaults/);
    }
    assert.deepEqual(emu.options.answerFaults, [{ op: "RegisterClient", answer: "empty", times: 1 }]);
  });
});
