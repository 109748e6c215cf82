// When the keeper looks at a token again. The rule itself is auth's (freshness.ts); the daemon's part is
// the lifetime it passes: it saw the token arrive (`observedAt`), so a token living seconds (tests) is
// refreshed halfway through instead of without pause.
import { windows, type FreshnessPolicy } from "../auth/index.ts";

/** The token the keeper last saw in the cache; `observedAt` is when (for ours: when we got it). */
export interface Known {
  accessToken: string;
  expiresAt: Date;
  observedAt: number;
  ours: boolean;
}

/** setTimeout's ceiling (about 24.8 days); longer delays fire at once. */
const MAX_DELAY_MS = 2 ** 31 - 1;
const MIN_DELAY_MS = 250;

/** The freshness rule's input for a token the keeper knows: its lifetime as observed. */
export function policyOf(known: Known | undefined, leadSeconds: number): FreshnessPolicy {
  return known ? { leadSeconds, lifetimeMs: known.expiresAt.getTime() - known.observedAt } : { leadSeconds };
}

export function leadMs(known: Known, leadSeconds: number): number {
  return windows(policyOf(known, leadSeconds)).leadMs;
}

/** Exponential backoff with ±20% jitter: 1 s, 2 s, 4 s … capped. */
export function backoffMs(attempt: number, baseMs = 1000, maxMs = 60_000, random = Math.random): number {
  const raw = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(raw * (0.8 + 0.4 * random()));
}

/** Milliseconds until the keeper should look at this token again. */
export function nextCheckMs(known: Known, leadSeconds: number, failures: number, now = Date.now()): number {
  const due = known.expiresAt.getTime() - leadMs(known, leadSeconds) - now;
  const wait = failures > 0 ? backoffMs(failures) : due;
  return Math.min(MAX_DELAY_MS, Math.max(MIN_DELAY_MS, wait));
}
