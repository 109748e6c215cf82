// The decision table: each row is a token state and what every path (sync, login, daemon) must do with it.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { CachedToken, TokenCacheRead } from "./cache.ts";
import { decide, windows, type Decision, type FreshnessPolicy } from "./freshness.ts";

const NOW = Date.UTC(2030, 0, 1);
const file = "/h/.aws/sso/cache/x.json";
const full = {
  accessToken: "a",
  clientId: "c",
  clientSecret: "s",
  refreshToken: "r",
  registrationExpiresAt: new Date(NOW + 86_400_000),
};

function ok(
  leftMs: number,
  patch: Partial<CachedToken> = {},
  drop: (keyof CachedToken)[] = [],
): TokenCacheRead {
  const token: CachedToken = { ...full, expiresAt: new Date(NOW + leftMs), ...patch };
  for (const k of drop) delete token[k];
  return { state: "ok", file, token, raw: {}, shape: "aws-cli/botocore", registrationFrom: "token-file" };
}

const lead900: FreshnessPolicy = { leadSeconds: 900 };
const short: FreshnessPolicy = { leadSeconds: 900, lifetimeMs: 4_000 };
const MIN = 60_000;

const rows: Array<[string, TokenCacheRead, FreshnessPolicy, Decision]> = [
  [
    "no file",
    { state: "missing", file },
    lead900,
    { action: "login", reason: { code: "no-token", text: "no token" } },
  ],
  [
    "unusable file",
    { state: "invalid", file, reason: "not valid JSON" },
    lead900,
    {
      action: "login",
      reason: { code: "cache-unusable", text: `token cache file ${file} unusable: not valid JSON` },
    },
  ],
  ["an hour left", ok(60 * MIN), lead900, { action: "use", reason: "fresh" }],
  ["16 min left", ok(16 * MIN), lead900, { action: "use", reason: "fresh" }],
  ["14 min left, refreshable", ok(14 * MIN), lead900, { action: "refresh", reason: "expiring" }],
  ["expired, refreshable", ok(-10_000), lead900, { action: "refresh", reason: "expired" }],
  [
    "10 min left, no refresh token",
    ok(10 * MIN, {}, ["refreshToken"]),
    lead900,
    {
      action: "use",
      reason: "cannot-refresh",
      blocker: { code: "no-refresh-token", text: "no refresh token" },
    },
  ],
  [
    "30 s left, no refresh token",
    ok(30_000, {}, ["refreshToken"]),
    lead900,
    { action: "login", reason: { code: "no-refresh-token", text: "token expires now and no refresh token" } },
  ],
  [
    "expired, no refresh token",
    ok(-1, {}, ["refreshToken"]),
    lead900,
    { action: "login", reason: { code: "no-refresh-token", text: "token expired and no refresh token" } },
  ],
  [
    "expired, no client in the file",
    ok(-1, {}, ["clientSecret"]),
    lead900,
    {
      action: "login",
      reason: { code: "no-registration", text: "token expired and no client registration in the token file" },
    },
  ],
  [
    "expired, registration expired",
    ok(-1, { registrationExpiresAt: new Date(NOW - 1) }),
    lead900,
    {
      action: "login",
      reason: { code: "registration-expired", text: "token expired and client registration expired" },
    },
  ],
  // A 4 s test token the daemon saw arrive: lead 2 s, margin 0.4 s.
  ["4 s token, 3 s left", ok(3_000), short, { action: "use", reason: "fresh" }],
  ["4 s token, 1.5 s left", ok(1_500), short, { action: "refresh", reason: "expiring" }],
  [
    "4 s token, 0.5 s left, no refresh token",
    ok(500, {}, ["refreshToken"]),
    short,
    {
      action: "use",
      reason: "cannot-refresh",
      blocker: { code: "no-refresh-token", text: "no refresh token" },
    },
  ],
  [
    "4 s token, 0.3 s left, no refresh token",
    ok(300, {}, ["refreshToken"]),
    short,
    { action: "login", reason: { code: "no-refresh-token", text: "token expires now and no refresh token" } },
  ],
];

describe("decide", () => {
  for (const [name, read, policy, want] of rows) {
    test(name, () => assert.deepEqual(decide(read, NOW, policy), want));
  }

  test("the lead is the configured one unless half the known lifetime is shorter", () => {
    assert.deepEqual(windows({ leadSeconds: 900 }), { leadMs: 900_000, marginMs: 60_000 });
    assert.deepEqual(windows({ leadSeconds: 600, lifetimeMs: 3_600_000 }), {
      leadMs: 600_000,
      marginMs: 60_000,
    });
    assert.deepEqual(windows({ leadSeconds: 900, lifetimeMs: 16_000 }), { leadMs: 8_000, marginMs: 1_600 });
    assert.deepEqual(windows({ leadSeconds: 60 }), { leadMs: 60_000, marginMs: 60_000 });
  });
});
