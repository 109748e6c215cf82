// When to refresh. The configured lead (default 15 minutes, botocore's own window) applies to real tokens;
// a token whose whole observed lifetime is shorter than twice the lead (test tokens live seconds) is
// refreshed halfway through instead, or the daemon would refresh without pause.

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

export function leadMs(known: Known, leadSeconds: number): number {
  const lifetime = known.expiresAt.getTime() - known.observedAt;
  return Math.max(0, Math.min(leadSeconds * 1000, lifetime / 2));
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
