// One portal request with our own retries (the SDK client runs with maxAttempts 1, so its retry quota
// cannot run dry mid-listing): every attempt goes through the adaptive limiter, gets its own timeout,
// and 429 / 5xx / resets / timeouts are retried with full-jitter backoff (docs/internals/portal-api.md 8).
import { setTimeout as delay } from "node:timers/promises";
import { UnexpectedAnswerError } from "../answer-shape.ts";
import { neverConnected } from "../errors.ts";
import { redactString } from "../log/redact.ts";
import type { AdaptiveLimiter } from "./limiter.ts";

export type FailureKind = "unauthorized" | "throttled" | "transient" | "fatal" | "aborted";

/** Why a call gave up. `aborted` means the run itself ended (deadline, cancel, another failure). */
export class CallFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    readonly reason: string,
    /** What to check, when the cause suggests it (a wrong answer: the endpoint or a proxy). */
    readonly hint?: string,
    /** The last attempt never reached the endpoint (refused, no route, DNS, no answer): exit 5, not 6. */
    readonly unreachable = false,
  ) {
    super(reason);
    this.name = "CallFailure";
  }
}

interface CallStats {
  requests: number;
  retries: number;
  throttled: number;
}

export interface CallContext {
  limiter: AdaptiveLimiter;
  stats: CallStats;
  /** The run's signal: deadline, caller's cancel, or a fatal error elsewhere. */
  signal: AbortSignal;
  maxAttempts: number;
  requestTimeoutMs: number;
  random?: () => number;
}

const THROTTLE_NAMES = new Set(["TooManyRequestsException", "ThrottlingException", "Throttling", "SlowDown"]);
const NETWORK_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ECONNABORTED",
  "UND_ERR_SOCKET",
]);
/** Codes of a request that never reached a server (a reset or a 5xx did reach one). */
const BACKOFF_BASE_MS = { throttled: 250, transient: 100 };
const BACKOFF_CAP_MS = 10_000;

interface ErrorFields {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

function fields(err: unknown): { name: string; code: string; status: number | undefined; message: string } {
  const e = (typeof err === "object" && err !== null ? err : {}) as ErrorFields;
  const status = e.$metadata?.httpStatusCode;
  return {
    name: typeof e.name === "string" ? e.name : "Error",
    code: typeof e.code === "string" ? e.code : "",
    status: typeof status === "number" ? status : undefined,
    message: typeof e.message === "string" ? e.message : String(err),
  };
}

export function classify(err: unknown): Exclude<FailureKind, "aborted"> {
  if (err instanceof UnexpectedAnswerError) return "transient"; // a 200 with a wrong body: like a 5xx
  const { name, code, status } = fields(err);
  if (status === 401 || name === "UnauthorizedException") return "unauthorized";
  if (status === 429 || THROTTLE_NAMES.has(name)) return "throttled";
  if ((status !== undefined && status >= 500) || NETWORK_CODES.has(code) || name === "TimeoutError") {
    return "transient";
  }
  return "fatal";
}

export function describeError(err: unknown): string {
  if (err instanceof UnexpectedAnswerError) return err.detail;
  const { name, code, status, message } = fields(err);
  const what = status !== undefined ? `${name} (HTTP ${status})` : code || name;
  return redactString(`${what}: ${message}`);
}

/** Runs `send` until it succeeds, fails for good, or the run's signal fires. */
export async function callWithRetry<T>(
  ctx: CallContext,
  send: () => Promise<T>,
  opts: { priority?: boolean } = {},
): Promise<T> {
  const random = ctx.random ?? Math.random;
  const aborted = (): CallFailure => new CallFailure("aborted", "discovery was stopped");
  for (let attempt = 1; ; attempt++) {
    const permit = await ctx.limiter.acquire(ctx.signal, opts.priority).catch(() => {
      throw aborted();
    });
    ctx.stats.requests++;
    // The attempt races its timeout and the run's end: the SDK call itself takes no abort signal (a send
    // with options cannot use the client's cached middleware stack, client.ts). What loses the race is
    // ended by the request handler's own timeout or by the portal's destroy() at the end of the run.
    let timedOut = false;
    let giveUp!: () => void;
    const stopped = new Promise<never>((_resolve, reject) => (giveUp = () => reject(new Error("stopped"))));
    const timer = setTimeout(() => ((timedOut = true), giveUp()), ctx.requestTimeoutMs);
    const onRunEnd = (): void => giveUp();
    ctx.signal.addEventListener("abort", onRunEnd, { once: true });
    if (ctx.signal.aborted) giveUp();
    let kind: Exclude<FailureKind, "aborted">;
    let reason: string;
    let hint: string | undefined;
    let unreachable = false;
    try {
      const out = await Promise.race([send(), stopped]);
      ctx.limiter.onSuccess(permit);
      return out;
    } catch (err) {
      if (ctx.signal.aborted) {
        ctx.limiter.onError(permit);
        throw aborted();
      }
      kind = timedOut ? "transient" : classify(err);
      reason = timedOut ? `no answer within ${ctx.requestTimeoutMs} ms` : describeError(err);
      hint = err instanceof UnexpectedAnswerError ? err.hint : undefined;
      // A request that timed out was sent: the server is there and did not answer (exit 6, not 5).
      unreachable = !timedOut && neverConnected(err);
      if (kind === "throttled") {
        ctx.stats.throttled++;
        ctx.limiter.onThrottle(permit);
      } else {
        ctx.limiter.onError(permit);
      }
    } finally {
      clearTimeout(timer);
      ctx.signal.removeEventListener("abort", onRunEnd);
    }
    if (kind === "unauthorized" || kind === "fatal") throw new CallFailure(kind, reason, hint);
    if (attempt >= ctx.maxAttempts)
      throw new CallFailure(kind, `${reason} (gave up after ${attempt} attempts)`, hint, unreachable);
    ctx.stats.retries++;
    const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS[kind] * 2 ** (attempt - 1));
    await delay(random() * ceiling, undefined, { signal: ctx.signal }).catch(() => {
      throw aborted();
    });
  }
}
