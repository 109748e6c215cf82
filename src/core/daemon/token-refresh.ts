// One refresh attempt, its outcome as data. A refresh token another tool spent first is handled inside
// refreshToken (auth/rotation.ts), the same way for sync, login and the daemon.
import { refreshToken, type FreshToken, type OidcTimeouts, type TokenCacheRead } from "../auth/index.ts";
import type { SessionConfig } from "../config/index.ts";
import { LoginNeededError, type LoginReason } from "../errors.ts";
import type { Env } from "../paths.ts";

export type RefreshOutcome =
  | { kind: "refreshed"; token: FreshToken }
  /** Another tool put a new token in the cache meanwhile: start over from the cache. */
  | { kind: "replaced" }
  /** No refresh will work (no refresh token, portal session over): a login is needed. */
  | { kind: "impossible"; reason: LoginReason }
  /** Network, DNS, 5xx, no answer within the deadline, a wrong answer: worth another try later. */
  | { kind: "failed"; error: unknown };

interface RefreshSettings {
  env: Env;
  leadSeconds: number;
  timeouts: OidcTimeouts;
}

export async function tryRefresh(
  session: SessionConfig,
  read: Extract<TokenCacheRead, { state: "ok" }>,
  s: RefreshSettings,
): Promise<RefreshOutcome> {
  try {
    const { by, accessToken, expiresAt } = await refreshToken(session, {
      env: s.env,
      cached: read,
      timeouts: s.timeouts,
      refreshLeadSeconds: s.leadSeconds,
    });
    return by === "us" ? { kind: "refreshed", token: { accessToken, expiresAt } } : { kind: "replaced" };
  } catch (err) {
    if (err instanceof LoginNeededError) return { kind: "impossible", reason: err.reason };
    return { kind: "failed", error: err };
  }
}
