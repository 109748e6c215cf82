// Is this cached token usable? The one rule every path follows: getValidToken (every sync), login's
// "already logged in" check, status and the daemon's token keeper (docs/internals/token-freshness.md).
//
//   lead   = refreshLeadSeconds, but at most half the token's lifetime when the caller knows it
//   margin = 60 s, but at most a tenth of the lifetime (and never more than the lead)
//
// More than the lead left: use it. Inside the lead: refresh it, or, when it cannot be refreshed, use it
// until only the margin is left (a call started then may outlive the token), then a login is needed.
// A lifetime is known only to a caller that saw the token arrive (the daemon); unknown counts as
// unlimited, so the CLI gets the configured lead and 60 s, and the daemon's seconds-long test tokens
// are refreshed halfway instead of without pause.
import type { LoginReason } from "../errors.ts";
import type { CachedToken, TokenCacheRead } from "./cache.ts";

export interface FreshnessPolicy {
  /** The resolved refreshLeadSeconds of the config. */
  leadSeconds: number;
  /** The token's whole lifetime, when the caller observed it arrive. */
  lifetimeMs?: number;
}

export type Decision =
  | { action: "use"; reason: "fresh" }
  /** Inside the lead but no refresh can work: good until the margin; `blocker` says why. */
  | { action: "use"; reason: "cannot-refresh"; blocker: LoginReason }
  | { action: "refresh"; reason: "expiring" | "expired" }
  | { action: "login"; reason: LoginReason };

const MAX_MARGIN_MS = 60_000;

export function windows(policy: FreshnessPolicy): { leadMs: number; marginMs: number } {
  const lifetime = policy.lifetimeMs ?? Infinity;
  const leadMs = Math.max(0, Math.min(policy.leadSeconds * 1000, lifetime / 2));
  const marginMs = Math.max(0, Math.min(MAX_MARGIN_MS, lifetime / 10, leadMs));
  return { leadMs, marginMs };
}

/** Why this cached token cannot be refreshed, or undefined when it can. */
export function refreshBlocker(token: CachedToken, now = Date.now()): LoginReason | undefined {
  if (!token.refreshToken) return { code: "no-refresh-token", text: "no refresh token" };
  if (!token.clientId || !token.clientSecret)
    return { code: "no-registration", text: "no client registration in the token file" };
  if (token.registrationExpiresAt && token.registrationExpiresAt.getTime() <= now)
    return { code: "registration-expired", text: "client registration expired" };
  return undefined;
}

/** Why a cache read gives no token at all (missing, unreadable, foreign). */
export function unusableReason(read: Exclude<TokenCacheRead, { state: "ok" }>): LoginReason {
  return read.state === "missing"
    ? { code: "no-token", text: "no token" }
    : { code: "cache-unusable", text: `token cache file ${read.file} unusable: ${read.reason}` };
}

/** Still good to hand out as it is (after a failed refresh, or while one runs). */
export function usableAsIs(
  token: Pick<CachedToken, "expiresAt">,
  now: number,
  policy: FreshnessPolicy,
): boolean {
  return token.expiresAt.getTime() - now > windows(policy).marginMs;
}

/** "token expires now and …" inside the margin, "token expired and …" after expiry. */
function expiringText(token: Pick<CachedToken, "expiresAt">, now: number, why: string): string {
  return token.expiresAt.getTime() > now ? `token expires now and ${why}` : `token expired and ${why}`;
}

export function decide(read: TokenCacheRead, now: number, policy: FreshnessPolicy): Decision {
  if (read.state !== "ok") return { action: "login", reason: unusableReason(read) };
  return judge(read.token, now, policy);
}

/** decide() for a token already read. */
export function judge(token: CachedToken, now: number, policy: FreshnessPolicy): Decision {
  const left = token.expiresAt.getTime() - now;
  if (left > windows(policy).leadMs) return { action: "use", reason: "fresh" };
  const blocker = refreshBlocker(token, now);
  if (!blocker) return { action: "refresh", reason: left > 0 ? "expiring" : "expired" };
  if (usableAsIs(token, now, policy)) return { action: "use", reason: "cannot-refresh", blocker };
  return { action: "login", reason: { code: blocker.code, text: expiringText(token, now, blocker.text) } };
}
