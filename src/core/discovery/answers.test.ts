// Answers that are not what the portal promises, through the real SDK client: `200 {}`, a role without a
// name, an account id that is not one, and requests that are never answered. None may read as "no
// accounts": a wrong answer is retried like a 5xx, and when it persists the listing fails.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { generateOrg, type EmulatorOptions, type Org } from "../../emulator/index.ts";
import { tempHome, type TempHome } from "../../../test/support/emulator.ts";
import { ExitCode } from "../errors.ts";
import { checkListAccountRoles } from "./answers.ts";
import { DiscoveryError } from "./index.ts";
import { withPortal as portal } from "../../../test/support/portal.ts";

type PortalTest = Parameters<typeof portal>[2];

let home: TempHome;
before(async () => (home = await tempHome()));
after(async () => home.cleanup());

const org = generateOrg(4, { seed: 11, minRoles: 1, maxRoles: 3 });
const roleCount = (o: Org) => o.accounts.reduce((n, a) => n + new Set(a.roles).size, 0);

/** A portal serving `org` unless told otherwise; three attempts per request keep failing cases short. */
const withPortal = (opts: Partial<EmulatorOptions>, fn: PortalTest): Promise<void> =>
  portal(home, { org, ...opts }, fn, { maxAttempts: 3 });

async function failure(p: Promise<unknown>): Promise<DiscoveryError> {
  const err = await p.then(
    () => assert.fail("discovery succeeded on a wrong answer"),
    (e: unknown) => e,
  );
  assert.ok(err instanceof DiscoveryError, String(err));
  return err;
}

describe("discovery checks every answer", { timeout: 60_000 }, () => {
  test("200 {} to ListAccounts, always: retried, then the session fails naming the field", async () => {
    await withPortal({ answerFaults: [{ op: "ListAccounts", answer: "empty" }] }, async (emu, run, token) => {
      const err = await failure(run());
      assert.equal(err.exitCode, ExitCode.partial);
      assert.match(
        err.message,
        /ListAccounts: the service answered an unexpected body \(accountList: missing\)/,
      );
      assert.match(err.message, /gave up after 3 attempts/);
      assert.match(err.hint ?? "", /last good discovery .* kept.*AWS_ENDPOINT_URL_SSO/);
      assert.equal(emu.counters().ops.ListAccounts, 3);
      assert.equal(emu.counters().ops.ListAccountRoles, undefined);
      assert.ok(!err.message.includes(token) && !(err.hint ?? "").includes(token));
    });
  });

  test("200 {} to ListAccountRoles twice: retried, and the listing completes", async () => {
    const answerFaults = [{ op: "ListAccountRoles" as const, answer: "empty" as const, times: 2 }];
    await withPortal({ answerFaults }, async (emu, run) => {
      const { result, stats } = await run();
      assert.equal(result.accounts.length, org.accounts.length);
      assert.equal(
        result.accounts.reduce((n, a) => n + a.roles.length, 0),
        roleCount(org),
      );
      assert.equal(emu.counters().malformed, 2);
      assert.ok(stats.retries >= 2, `retries: ${stats.retries}`);
    });
  });

  test("a role without a name fails the account's listing; nothing is dropped quietly", async () => {
    const answerFaults = [
      { op: "ListAccountRoles" as const, answer: "drop" as const, member: "roleList.0.roleName" },
    ];
    await withPortal({ answerFaults }, async (_emu, run) => {
      const err = await failure(run());
      assert.match(err.message, /the service answered an unexpected body \(roleList\.0\.roleName: missing\)/);
      assert.equal(err.failures.length, org.accounts.length);
      assert.ok(err.failures.every((f) => f.operation === "ListAccountRoles" && f.accountId));
    });
  });

  test("an account id that is not 12 digits, or a role list for another account, is refused", async () => {
    const odd: Org = { accounts: [{ ...org.accounts[0]!, accountId: "12345" }] };
    await withPortal({ org: odd }, async (_emu, run) => {
      const err = await failure(run());
      assert.match(err.message, /accountList\.0\.accountId: expected a 12-digit account id/);
    });
    // The emulator answers roles with the id asked for; a proxy mixing answers up would not.
    const mixed = { roleList: [{ roleName: "Admin", accountId: "111111111111" }] };
    assert.throws(
      () => checkListAccountRoles(mixed, "222222222222"),
      /roleList\.0\.accountId: names another account/,
    );
    assert.deepEqual(checkListAccountRoles(mixed, "111111111111").roleList, mixed.roleList);
  });

  test("ListAccountRoles accepted and never answered, three times: retried after the per-attempt timeout", async () => {
    const answerFaults = [{ op: "ListAccountRoles" as const, answer: "hang" as const, times: 3 }];
    await withPortal({ answerFaults }, async (emu, run) => {
      const { result, stats } = await run({ requestTimeoutMs: 300, maxAttempts: 5 });
      assert.equal(
        result.accounts.reduce((n, a) => n + a.roles.length, 0),
        roleCount(org),
      );
      assert.equal(emu.counters().hung, 3);
      assert.ok(stats.retries >= 3, `retries: ${stats.retries}`);
    });
  });
});
