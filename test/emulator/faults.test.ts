// Knobs: token-bucket throttling (429), seeded random 5xx, failRolesFor, latency, and the counters that
// let tests see retries and concurrency (docs/internals/emulator.md 3.6).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { ListAccountsCommand, SSOClient } from "@aws-sdk/client-sso";
import { startTestEmulator, type TestEmulator } from "../support/emulator.ts";
import { oidc, portal, sleep } from "./helpers.ts";

describe("fault knobs", () => {
  let emu: TestEmulator;
  let token: string;
  before(async () => {
    emu = await startTestEmulator({});
    token = emu.issueToken().accessToken;
  });
  after(() => emu.close());

  test("token bucket: a burst beyond capacity answers 429 TooManyRequestsException", async () => {
    // A near-zero refill rate keeps the count exact however slow the machine is.
    emu.configure({ rateLimit: { perSecond: 0.001, burst: 5 } });
    emu.resetCounters();
    const results = await Promise.all(
      Array.from({ length: 10 }, () => portal(emu, "/assignment/accounts", token)),
    );
    const throttled = results.filter((r) => r.status === 429);
    assert.equal(throttled.length, 5);
    const t = throttled[0]!;
    assert.equal(t.headers.get("x-amzn-ErrorType"), "TooManyRequestsException");
    assert.deepEqual(t.json, {
      message: "HTTP 429 Unknown Code",
      __type: "com.amazonaws.switchboard.portal#TooManyRequestsException",
    });
    const c = emu.counters();
    assert.equal(c.throttled, 5);
    assert.equal(c.statuses["429"], 5);
    assert.equal(c.statuses["200"], 5);
    emu.configure({ rateLimit: null });
    const after = await Promise.all(
      Array.from({ length: 10 }, () => portal(emu, "/assignment/accounts", token)),
    );
    assert.ok(after.every((r) => r.status === 200));
  });

  test("the bucket refills at perSecond", async () => {
    emu.configure({ rateLimit: { perSecond: 2, burst: 1 } });
    assert.equal((await portal(emu, "/assignment/accounts", token)).status, 200);
    assert.equal((await portal(emu, "/assignment/accounts", token)).status, 429, "drained");
    await sleep(600); // 1.2 tokens at 2/s
    assert.equal((await portal(emu, "/assignment/accounts", token)).status, 200);
    emu.configure({ rateLimit: null });
  });

  test("the JS SDK retries 429 three times in all", async () => {
    emu.configure({ rateLimit: { perSecond: 0.001, burst: 1 } });
    await portal(emu, "/assignment/accounts", token); // drains the bucket
    emu.resetCounters();
    const sso = new SSOClient({ region: "us-east-1", endpoint: emu.url });
    await assert.rejects(sso.send(new ListAccountsCommand({ accessToken: token })), {
      name: "TooManyRequestsException",
    });
    assert.equal(emu.counters().ops.ListAccounts, 3);
    emu.configure({ rateLimit: null });
  });

  test("errorRate 1 makes every portal call a 500 the SDK retries; OIDC is unaffected", async () => {
    emu.configure({ errorRate: 1 });
    emu.resetCounters();
    const raw = await portal(emu, "/assignment/accounts", token);
    assert.equal(raw.status, 500);
    assert.equal(raw.headers.get("x-amzn-ErrorType"), "InternalServerException");
    const sso = new SSOClient({ region: "us-east-1", endpoint: emu.url });
    await assert.rejects(
      sso.send(new ListAccountsCommand({ accessToken: token })),
      (e: Error & { $metadata: { httpStatusCode: number } }) => {
        assert.equal(e.name, "InternalServerException");
        assert.equal(e.$metadata.httpStatusCode, 500);
        return true;
      },
    );
    assert.equal(emu.counters().ops.ListAccounts, 4);
    const reg = await oidc(emu, "/client/register", { clientName: "x", clientType: "public" });
    assert.equal(reg.status, 200);
    emu.configure({ errorRate: 0 });
  });

  test("errorRate is deterministic for a seed", async () => {
    const statuses = async () => {
      emu.configure({ errorRate: 0.5, seed: 42 });
      const out: number[] = [];
      for (let i = 0; i < 20; i++) out.push((await portal(emu, "/assignment/accounts", token)).status);
      return out;
    };
    const a = await statuses();
    const b = await statuses();
    emu.configure({ errorRate: 0 });
    assert.deepEqual(a, b);
    assert.ok(a.includes(500) && a.includes(200), a.join(","));
  });

  test("failRolesFor: ListAccountRoles for that account always answers 500", async () => {
    const [bad, good] = emu.options.org.accounts;
    emu.configure({ failRolesFor: [bad!.accountId] });
    for (let i = 0; i < 3; i++) {
      assert.equal((await portal(emu, `/assignment/roles?account_id=${bad!.accountId}`, token)).status, 500);
    }
    assert.equal((await portal(emu, `/assignment/roles?account_id=${good!.accountId}`, token)).status, 200);
    emu.configure({ failRolesFor: [] });
    assert.equal((await portal(emu, `/assignment/roles?account_id=${bad!.accountId}`, token)).status, 200);
  });

  test("latency delays every request and peak concurrency counts in-flight requests", async () => {
    emu.configure({ latencyMs: 300 });
    emu.resetCounters();
    const start = Date.now();
    await Promise.all(Array.from({ length: 8 }, () => portal(emu, "/assignment/accounts", token)));
    const took = Date.now() - start;
    emu.configure({ latencyMs: 0 });
    assert.ok(took >= 300, `took ${took}`);
    const c = emu.counters();
    assert.equal(c.peakConcurrency, 8);
    assert.equal(c.requests, 8);
    assert.equal(c.ops.ListAccounts, 8);
    assert.equal(c.statuses["200"], 8);
    emu.resetCounters();
    assert.deepEqual(emu.counters().ops, {});
    assert.equal(emu.counters().peakConcurrency, 0);
  });

  test("bad knob values are rejected", () => {
    assert.throws(() => emu.configure({ errorRate: 2 }), /errorRate/);
    assert.throws(() => emu.configure({ defaultPageSize: 0 }), /defaultPageSize/);
    assert.throws(() => emu.configure({ accessTokenTtlSec: -1 }), /accessTokenTtlSec/);
    assert.equal(emu.options.errorRate, 0);
  });
});
