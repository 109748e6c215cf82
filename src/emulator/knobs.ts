// Defaults, knob validation, the seeded RNG behind fault injection and the portal token bucket.
import { AppError, ExitCode } from "../core/errors.ts";
import { validateAnswerFaults } from "./answer-faults.ts";
import type { EmulatorOptions, RateLimit, ResolvedOptions } from "./types.ts";

const DEFAULTS: Omit<ResolvedOptions, "org"> = {
  port: 0,
  latencyMs: 0,
  rateLimit: null,
  errorRate: 0,
  seed: 1,
  emptyPages: false,
  defaultPageSize: 20,
  accessTokenTtlSec: 3600,
  refreshTokenTtlSec: 8 * 3600,
  rotateRefreshTokens: true,
  deviceCodeTtlSec: 600,
  deviceInterval: 1,
  approval: { autoAfterPolls: 2 },
  credentialsTtlSec: 3600,
  failRolesFor: [],
  answerFaults: [],
};

function bad(message: string): AppError {
  return new AppError(`emulator: ${message}`, { exitCode: ExitCode.usage });
}

/** Merges a patch over the current options, dropping undefined members, and checks the knobs. */
export function mergeOptions(base: ResolvedOptions, patch: Partial<EmulatorOptions>): ResolvedOptions {
  const out = { ...base } as Record<string, unknown>;
  for (const [k, v] of Object.entries(patch)) if (v !== undefined) out[k] = v;
  const o = out as ResolvedOptions;
  const nonNegative = [
    "latencyMs",
    "accessTokenTtlSec",
    "refreshTokenTtlSec",
    "deviceCodeTtlSec",
    "deviceInterval",
    "credentialsTtlSec",
  ] as const;
  for (const k of nonNegative) {
    if (typeof o[k] !== "number" || !Number.isFinite(o[k]) || o[k] < 0)
      throw bad(`${k} must be a number >= 0`);
  }
  if (!Number.isInteger(o.defaultPageSize) || o.defaultPageSize < 1 || o.defaultPageSize > 100) {
    throw bad("defaultPageSize must be an integer in 1..100");
  }
  if (typeof o.errorRate !== "number" || o.errorRate < 0 || o.errorRate > 1) {
    throw bad("errorRate must be within 0..1");
  }
  if (o.rateLimit && !(o.rateLimit.perSecond > 0)) throw bad("rateLimit.perSecond must be > 0");
  const a = o.approval;
  if (a !== "manual" && a !== "deny" && !(typeof a === "object" && a.autoAfterPolls >= 0)) {
    throw bad('approval must be "manual", "deny" or { autoAfterPolls: N }');
  }
  o.answerFaults = validateAnswerFaults(o.answerFaults);
  return o;
}

export function resolveOptions(opts: EmulatorOptions): ResolvedOptions {
  return mergeOptions({ ...DEFAULTS, org: opts.org }, opts);
}

/** mulberry32: small, fast, deterministic for a seed — enough for "10 % of requests fail". */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Classic token bucket; `take()` is false when the caller should be throttled. */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private readonly capacity: number;

  constructor(readonly limit: RateLimit) {
    this.capacity = Math.max(1, limit.burst ?? limit.perSecond);
    this.tokens = this.capacity;
    this.last = Date.now();
  }

  take(now = Date.now()): boolean {
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.limit.perSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
