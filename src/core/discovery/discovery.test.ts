// discoverSession against the emulator over real HTTP with the real SDK client (AWS_ENDPOINT_URL_SSO).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { generateOrg, type Org } from "../../emulator/index.ts";
import { tempHome, type TempHome } from "../../../test/support/emulator.ts";
import type { EmulatorOptions } from "../../emulator/index.ts";
import { ExitCode, LoginNeededError } from "../errors.ts";
import { DiscoveryError, type DiscoveryProgress } from "./index.ts";
import { withPortal as portal } from "../../../test/support/portal.ts";

type PortalTest = Parameters<typeof portal>[2];

let home: TempHome;
before(async () => (home = await tempHome()));
after(async () => home.cleanup());

const withPortal = (opts: Partial<EmulatorOptions>, fn: PortalTest): Promise<void> => portal(home, opts, fn);

/** What a correct discovery of `org` must return: accounts by id, roles by name. */
function expected(org: Org) {
  return [...org.accounts]
    .sort((a, b) => (a.accountId < b.accountId ? -1 : 1))
    .map((a) => ({ ...a, roles: [...new Set(a.roles)].sort() }));
}

describe("discoverSession", { timeout: 60_000 }, () => {
  test("lists every account and role, sorted, with max_result = pageSize", async () => {
    const org = generateOrg(23, { seed: 5, minRoles: 1, maxRoles: 7 });
    await withPortal({ org, latencyMs: 2 }, async (emu, run) => {
      const { result, stats } = await run({ pageSize: 5 });
      assert.equal(result.session, "corp");
      assert.deepEqual(result.accounts, expected(org));
      const c = emu.counters();
      assert.equal(c.ops.ListAccounts, 5); // ceil(23 / 5)
      const rolePages = org.accounts.reduce((n, a) => n + Math.max(1, Math.ceil(a.roles.length / 5)), 0);
      assert.equal(c.ops.ListAccountRoles, rolePages);
      assert.equal(stats.requests, c.requests);
      assert.ok(stats.peakConcurrency > 1, "role listings run concurrently");
    });
  });

  test("survives empty pages that carry a nextToken, and clamps the page size to 100", async () => {
    const org = generateOrg(12, { seed: 8 });
    await withPortal({ org, emptyPages: true }, async (emu, run) => {
      const { result } = await run({ pageSize: 1000 });
      assert.deepEqual(result.accounts, expected(org));
      assert.equal(emu.counters().ops.ListAccounts, 2); // the empty page, then all 12
      assert.equal(emu.counters().statuses["400"], undefined); // max_result 1000 was never sent
    });
  });

  test("dedupes accounts and roles the service repeats", async () => {
    const org = generateOrg(3, { seed: 2 });
    const first = org.accounts[0]!;
    const twisted: Org = { accounts: [...org.accounts, { ...first }] };
    twisted.accounts[1] = { ...twisted.accounts[1]!, roles: ["B", "A", "B"] };
    await withPortal({ org: twisted }, async (_emu, run) => {
      const { result } = await run({ pageSize: 2 });
      const [a, b, c] = org.accounts;
      assert.deepEqual(result.accounts, expected({ accounts: [a!, { ...b!, roles: ["A", "B"] }, c!] }));
    });
  });

  test("adapts to a rate limit: completes with every account and few throttled requests", async () => {
    const org = generateOrg(60, { seed: 3 });
    await withPortal({ org, latencyMs: 5, rateLimit: { perSecond: 60, burst: 10 } }, async (emu, run) => {
      const { result, stats } = await run({ pageSize: 100 });
      assert.deepEqual(result.accounts, expected(org));
      const c = emu.counters();
      assert.ok(c.throttled > 0, "the limit was reached, so the limiter was exercised");
      assert.equal(stats.throttled, c.throttled);
      // Counts, not shares of wall-clock time: every needed request got through exactly once (one
      // ListAccounts page, one ListAccountRoles per account), and every 429 was retried, never given up.
      const answered = (op: string): number => (c.ops[op] ?? 0) - (c.throttledOps[op] ?? 0);
      assert.equal(answered("ListAccounts"), 1);
      assert.equal(answered("ListAccountRoles"), 60);
      assert.equal(stats.retries, c.throttled);
      // A limiter that never slowed down would be turned away about as often as let through.
      assert.ok(c.throttled <= 30, `throttled ${c.throttled} of ${c.requests}`);
    });
  });

  test("role listings start while ListAccounts pages are still coming", async () => {
    const org = generateOrg(50, { seed: 5 });
    await withPortal({ org, latencyMs: 5 }, async (emu, run) => {
      const { result } = await run({ pageSize: 10 });
      assert.equal(result.accounts.length, 50);
      const order = emu.counters().portalOrder;
      assert.equal(order.filter((op) => op === "ListAccounts").length, 5);
      const lastPage = order.lastIndexOf("ListAccounts");
      const before = order.slice(0, lastPage).filter((op) => op === "ListAccountRoles").length;
      // Pages 1-4 hold 40 accounts: their listings go out beside the next page requests, not after page 5.
      assert.ok(
        before >= 10,
        `${before} ListAccountRoles before the last ListAccounts page: ${order.join(" ")}`,
      );
    });
  });

  test("a background run at half of the learned rate is never throttled by itself", async () => {
    const org = generateOrg(30, { seed: 6 });
    await withPortal({ org, rateLimit: { perSecond: 20, burst: 5 } }, async (emu, run) => {
      await run(); // the whole rate, as a hand-run sync: probes the limit and learns it
      assert.ok(emu.counters().throttled > 0, "the first run found the limit");
      emu.resetCounters();
      const { result, stats } = await run({ share: 0.5 });
      assert.equal(result.accounts.length, 30);
      const c = emu.counters();
      assert.equal(c.throttled, 0, `throttled ${c.throttled} of ${c.requests}`);
      assert.equal(stats.throttled, 0);
    });
  });

  test("retries injected 5xx answers", async () => {
    const org = generateOrg(30, { seed: 4 });
    await withPortal({ org, errorRate: 0.25, seed: 9 }, async (emu, run) => {
      const { result, stats } = await run({ maxAttempts: 10 });
      assert.deepEqual(result.accounts, expected(org));
      assert.ok((emu.counters().statuses["500"] ?? 0) > 0);
      assert.equal(stats.retries, emu.counters().statuses["500"]);
    });
  });

  test("an account whose roles keep failing fails the run, naming it; no partial result", async () => {
    const org = generateOrg(8, { seed: 6 });
    const bad = org.accounts[3]!;
    await withPortal({ org, failRolesFor: [bad.accountId] }, async (emu, run) => {
      const err = await run({ maxAttempts: 3 }).then(
        () => assert.fail("expected DiscoveryError"),
        (e: unknown) => e,
      );
      assert.ok(err instanceof DiscoveryError, String(err));
      assert.equal(err.exitCode, ExitCode.partial);
      assert.equal(err.failures.length, 1);
      assert.equal(err.failures[0]?.accountId, bad.accountId);
      assert.match(
        err.message,
        new RegExp(`${bad.accountId} \\(${bad.accountName}\\): InternalServerException`),
      );
      assert.match(err.message, /after 3 attempts/);
      assert.equal(emu.counters().ops.ListAccountRoles, org.accounts.length - 1 + 3);
    });
  });

  test("a rejected token means login, at once and without retries", async () => {
    await withPortal({}, async (emu, run) => {
      emu.revokeAll();
      await assert.rejects(run(), (e: unknown) => e instanceof LoginNeededError && e.session === "corp");
      assert.equal(emu.counters().requests, 1);
    });
  });

  test("filters: excluded accounts cost no ListAccountRoles request; roles are filtered", async () => {
    const org = generateOrg(20, { seed: 1, minRoles: 2, maxRoles: 6 });
    const byId = org.accounts[7]!;
    await withPortal({ org }, async (emu, run) => {
      const filters = {
        accounts: { include: ["PAYMENTS-*", byId.accountId], exclude: ["*-staging"] },
        roles: { exclude: ["Admin*"] },
      };
      const { result } = await run({ filters });
      const kept = org.accounts.filter(
        (a) => (a.accountName.startsWith("payments-") || a === byId) && !a.accountName.endsWith("-staging"),
      );
      assert.ok(kept.length >= 2 && kept.length < org.accounts.length);
      assert.equal(emu.counters().ops.ListAccountRoles, kept.length);
      const want = expected({ accounts: kept })
        .map((a) => ({ ...a, roles: a.roles.filter((r) => !r.startsWith("Admin")) }))
        .filter((a) => a.roles.length > 0);
      assert.deepEqual(result.accounts, want);
    });
  });

  test("the overall deadline fails the run", { timeout: 60_000 }, async () => {
    // The request is never answered: the run can only end by its deadline (no clock read to prove it).
    await withPortal({ answerFaults: [{ op: "ListAccounts", answer: "hang" }] }, async (emu, run) => {
      const err = await run({ deadlineMs: 150 }).catch((e: unknown) => e);
      assert.ok(err instanceof DiscoveryError && err.deadlineExceeded, String(err));
      assert.ok(emu.counters().hung >= 1, "the request was in flight when the deadline ended the run");
    });
  });

  test("a per-request timeout is retried, then reported", async () => {
    await withPortal({ latencyMs: 300 }, async (emu, run) => {
      const err = await run({ requestTimeoutMs: 60, maxAttempts: 2 }).catch((e: unknown) => e);
      assert.ok(err instanceof DiscoveryError, String(err));
      assert.equal(err.failures[0]?.operation, "ListAccounts");
      assert.match(err.message, /no answer within 60 ms \(gave up after 2 attempts\)/);
      assert.equal(emu.counters().requests, 2);
    });
  });

  test("reports progress and ends with a finished report; the token never shows", async () => {
    const org = generateOrg(10, { seed: 2 });
    await withPortal({ org, failRolesFor: [org.accounts[0]!.accountId] }, async (_emu, run, token) => {
      const reports: DiscoveryProgress[] = [];
      const err = await run({ maxAttempts: 1, onProgress: (p) => reports.push(p) }).catch((e: unknown) => e);
      const last = reports.at(-1);
      assert.equal(last?.finished, true);
      assert.equal(last?.accountsDone, 9);
      assert.equal(last?.accountsTotal, 10);
      assert.ok(err instanceof DiscoveryError);
      assert.ok(!`${err.message} ${err.hint} ${JSON.stringify(err.failures)}`.includes(token));
    });
  });

  test("a caller's abort cancels the run", async () => {
    await withPortal({ latencyMs: 200 }, async (_emu, run) => {
      const ctl = new AbortController();
      setTimeout(() => ctl.abort(), 30);
      await assert.rejects(
        run({ signal: ctl.signal }),
        (e: unknown) => e instanceof DiscoveryError && /cancelled/.test(e.message),
      );
    });
  });
});
