import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type { DiscoveredAccount } from "../model/model.ts";
import { applyFilters, compileFilters } from "./filters.ts";

const acct = (
  accountId: string,
  accountName: string,
  roles: string[] = ["ReadOnlyAccess"],
): DiscoveredAccount => ({
  accountId,
  accountName,
  emailAddress: `${accountName}@example.com`,
  roles,
});

const org = [
  acct("111111111111", "payments-prod", ["AdministratorAccess", "ReadOnlyAccess"]),
  acct("222222222222", "payments-dev", ["AdministratorAccess", "DeveloperAccess"]),
  acct("333333333333", "Search-Prod", ["ReadOnlyAccess"]),
  acct("444444444444", "team/a b", ["ViewOnlyAccess"]),
];
const ids = (accounts: DiscoveredAccount[]): string[] => accounts.map((a) => a.accountId);

describe("discovery filters", () => {
  test("no filters keep everything", () => {
    assert.deepEqual(applyFilters(org, undefined), org);
    assert.deepEqual(applyFilters(org, { accounts: { include: [] }, roles: { exclude: [" "] } }), org);
  });

  test("account include by 12-digit id and by case-insensitive name glob", () => {
    const kept = applyFilters(org, { accounts: { include: ["333333333333", "PAYMENTS-P*"] } });
    assert.deepEqual(ids(kept), ["111111111111", "333333333333"]);
  });

  test("exclude wins over include; a single * crosses / in names", () => {
    const f = { accounts: { include: ["*"], exclude: ["*-dev", "111111111111"] } };
    assert.deepEqual(ids(applyFilters(org, f)), ["333333333333", "444444444444"]);
    assert.equal(compileFilters({ accounts: { include: ["team*"] } }).account(org[3]!), true);
  });

  test("globs also match the account id", () => {
    assert.deepEqual(ids(applyFilters(org, { accounts: { include: ["22222*"] } })), ["222222222222"]);
  });

  test("role globs filter roles; accounts left without a role are dropped", () => {
    const kept = applyFilters(org, { roles: { include: ["*access"], exclude: ["admin*"] } });
    assert.deepEqual(
      kept.map((a) => [a.accountId, a.roles]),
      [
        ["111111111111", ["ReadOnlyAccess"]],
        ["222222222222", ["DeveloperAccess"]],
        ["333333333333", ["ReadOnlyAccess"]],
        ["444444444444", ["ViewOnlyAccess"]],
      ],
    );
    assert.deepEqual(ids(applyFilters(org, { roles: { include: ["Developer*"] } })), ["222222222222"]);
  });

  test("the input is not modified", () => {
    const copy = structuredClone(org);
    applyFilters(org, { roles: { include: ["ReadOnly*"] } });
    assert.deepEqual(org, copy);
  });
});
