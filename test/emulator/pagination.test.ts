// Pagination (docs/internals/portal-api.md 2, 6; docs/internals/emulator.md 3.3): default 20, bounds 1..100,
// opaque percent-decoded tokens, empty first pages that still carry nextToken; raw and through the JS SDK
// paginators.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { paginateListAccountRoles, paginateListAccounts, SSOClient } from "@aws-sdk/client-sso";
import { generateOrg } from "../../src/emulator/index.ts";
import { startTestEmulator, type TestEmulator } from "../support/emulator.ts";
import { portal } from "./helpers.ts";

const LIMIT_MESSAGE = "ResultSize parameter must be within the valid limits of: 1-100";

describe("pagination", () => {
  let emu: TestEmulator;
  let token: string;
  before(async () => {
    emu = await startTestEmulator({ org: generateOrg(45, { seed: 7, minRoles: 3, maxRoles: 10 }) });
    token = emu.issueToken().accessToken;
  });
  after(() => emu.close());

  test("without max_result a page holds 20 accounts", async () => {
    const r = await portal(emu, "/assignment/accounts", token);
    assert.equal((r.json.accountList as unknown[]).length, 20);
    assert.equal(typeof r.json.nextToken, "string");
  });

  test("max_result outside 1..100 is InvalidRequestException with the service's message", async () => {
    for (const v of ["0", "101", "-1", "abc", "1.5"]) {
      const r = await portal(emu, `/assignment/accounts?max_result=${v}`, token);
      assert.equal(r.status, 400, `max_result=${v}`);
      assert.equal(r.json.message, LIMIT_MESSAGE);
    }
    assert.equal((await portal(emu, "/assignment/accounts?max_result=100", token)).status, 200);
    assert.equal((await portal(emu, "/assignment/accounts?max_result=1", token)).status, 200);
  });

  test("following percent-encoded nextTokens yields every account once; the last page has none", async () => {
    const seen: string[] = [];
    let next: string | undefined;
    let pages = 0;
    do {
      const q = next === undefined ? "" : `&next_token=${encodeURIComponent(next)}`;
      const r = await portal(emu, `/assignment/accounts?max_result=7${q}`, token);
      assert.equal(r.status, 200, r.text);
      seen.push(...(r.json.accountList as Array<{ accountId: string }>).map((a) => a.accountId));
      next = r.json.nextToken as string | undefined;
      if (next !== undefined) assert.match(next, /[+/=]/, "tokens need percent-encoding");
      pages++;
    } while (next !== undefined);
    assert.equal(pages, 7);
    assert.deepEqual(
      seen,
      emu.options.org.accounts.map((a) => a.accountId),
    );
  });

  test("a garbage or foreign-list token is InvalidRequestException", async () => {
    const r = await portal(emu, "/assignment/accounts?next_token=garbage", token);
    assert.equal(r.status, 400);
    const first = await portal(emu, "/assignment/accounts?max_result=1", token);
    const a = emu.options.org.accounts[0]!;
    const q = `account_id=${a.accountId}&next_token=${encodeURIComponent(String(first.json.nextToken))}`;
    assert.equal((await portal(emu, `/assignment/roles?${q}`, token)).status, 400);
  });

  test("JS SDK paginators see every account and role", async () => {
    const sso = new SSOClient({ region: "us-east-1", endpoint: emu.url });
    const ids: string[] = [];
    for await (const p of paginateListAccounts({ client: sso, pageSize: 9 }, { accessToken: token })) {
      ids.push(...(p.accountList ?? []).map((a) => a.accountId!));
    }
    assert.equal(ids.length, 45);
    const a = emu.options.org.accounts.find((x) => x.roles.length > 3)!;
    const roles: string[] = [];
    const input = { accessToken: token, accountId: a.accountId };
    for await (const p of paginateListAccountRoles({ client: sso, pageSize: 2 }, input)) {
      roles.push(...(p.roleList ?? []).map((r) => r.roleName!));
    }
    assert.deepEqual(roles, a.roles);
  });

  test("emptyPages: the first page is empty but carries a nextToken", async () => {
    emu.configure({ emptyPages: true });
    try {
      const first = await portal(emu, "/assignment/accounts", token);
      assert.deepEqual(first.json.accountList, []);
      assert.equal(typeof first.json.nextToken, "string");
      const a = emu.options.org.accounts[0]!;
      const roles = await portal(emu, `/assignment/roles?account_id=${a.accountId}`, token);
      assert.deepEqual(roles.json.roleList, []);
      assert.equal(typeof roles.json.nextToken, "string");
      // A paginating client still gets everything.
      const sso = new SSOClient({ region: "us-east-1", endpoint: emu.url });
      let n = 0;
      for await (const p of paginateListAccounts({ client: sso }, { accessToken: token }))
        n += p.accountList!.length;
      assert.equal(n, 45);
    } finally {
      emu.configure({ emptyPages: false });
    }
  });

  test("defaultPageSize is a knob", async () => {
    emu.configure({ defaultPageSize: 50 });
    const r = await portal(emu, "/assignment/accounts", token);
    assert.equal((r.json.accountList as unknown[]).length, 45);
    assert.equal(r.json.nextToken, undefined);
    emu.configure({ defaultPageSize: 20 });
  });
});
