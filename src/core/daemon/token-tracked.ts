// What the token keeper remembers per session, and the bookkeeping every outcome shares: record the state
// for `status`, report "login needed" once per episode, and arm the timer for the next check.
import type { OidcTimeouts } from "../auth/index.ts";
import type { SessionConfig } from "../config/index.ts";
import { LoginNeededError, type LoginReason } from "../errors.ts";
import type { Env } from "../paths.ts";
import type { TokenState } from "../state/daemon.ts";
import { nextCheckMs, type Known } from "./token-timing.ts";

export interface KeeperEvents {
  /** Refresh is impossible: tell the user (once per episode). */
  onLoginNeeded(session: string, reason: LoginReason): void;
  /** A token we did not write appeared (a login); `recovered` when the session was stuck before. */
  onNewToken(session: string, recovered: boolean): void;
  onRefreshed(session: string, expiresAt: Date): void;
}

/** The keeper's settings and hooks, shared by every tracked session (changed by a reload). */
export interface KeeperContext {
  env: Env;
  leadSeconds: number;
  timeouts: OidcTimeouts;
  stopped: boolean;
  events: KeeperEvents;
  /** Queues a check of this session (the timer's callback). */
  check(name: string): void;
}

export interface Tracked {
  session: SessionConfig;
  queue: Promise<unknown>;
  timer?: NodeJS.Timeout;
  known?: Known | undefined;
  /** Set while refresh is impossible; `token` is the access token that was current then. */
  stuck?: { reason: LoginReason; token?: string } | undefined;
  /** A refresh request is out: syncs take the current token rather than queue behind it. */
  refreshing: boolean;
  /** The token expired while refreshes fail: "login needed" was reported for this episode. */
  expiredReported: boolean;
  failures: number;
  status: TokenState;
}

export function tracked(session: SessionConfig): Tracked {
  return {
    session,
    queue: Promise.resolve(),
    refreshing: false,
    expiredReported: false,
    failures: 0,
    status: { state: "unknown", refreshes: 0 },
  };
}

/** Records the state and arms the timer for the next check (none while stuck: we wait for a login). */
export function settle(t: Tracked, ctx: KeeperContext, state: TokenState["state"]): void {
  clearTimeout(t.timer);
  t.status.state = state;
  if (state !== "refresh-failing") delete t.status.reason;
  delete t.status.reasonCode;
  if (t.stuck) Object.assign(t.status, { reason: t.stuck.reason.text, reasonCode: t.stuck.reason.code });
  if (t.known) t.status.expiresAt = t.known.expiresAt.toISOString();
  else delete t.status.expiresAt;
  delete t.status.nextRefreshAt;
  if (ctx.stopped || t.stuck || !t.known) return;
  const delay = nextCheckMs(t.known, ctx.leadSeconds, t.failures);
  t.status.nextRefreshAt = new Date(Date.now() + delay).toISOString();
  t.timer = setTimeout(() => ctx.check(t.session.name), delay);
}

/** Refresh is impossible: the session waits for a login (reported once). */
export function stuck(t: Tracked, ctx: KeeperContext, reason: LoginReason, token?: string): LoginNeededError {
  const first = t.stuck === undefined;
  t.stuck = { reason, ...(token ? { token } : {}) };
  settle(t, ctx, "login-needed");
  if (first) ctx.events.onLoginNeeded(t.session.name, reason);
  return new LoginNeededError(t.session.name, reason);
}

/**
 * The token ran out and refreshes keep failing: tools need a login now, so that is what is reported
 * (once per episode), but the refresh stays scheduled and ends the episode when the endpoint recovers.
 */
export function expiredWhileFailing(t: Tracked, ctx: KeeperContext, failure: string): never {
  const reason: LoginReason = {
    code: "refresh-failing",
    text: `token expired and the refresh keeps failing: ${failure}`,
  };
  if (!t.expiredReported)
    ctx.events.onLoginNeeded(t.session.name, { ...reason, text: `${reason.text}; the refresh is retried` });
  t.expiredReported = true;
  settle(t, ctx, "login-needed");
  Object.assign(t.status, { reason: reason.text, reasonCode: reason.code });
  throw new LoginNeededError(t.session.name, reason);
}
