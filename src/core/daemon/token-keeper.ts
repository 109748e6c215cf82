// Keeps every session's token fresh in the shared cache, so the AWS CLI, boto3 and the JS SDK never need
// a login while the portal session lasts. Per session: a timer refreshes the token ahead of expiry, and
// every token operation (timer, a sync asking for a token, a cache change) runs in one queue, so two
// refreshes never race and burn a rotated refresh token. A refresh that cannot work (no refresh token,
// portal session over) is reported once per episode; the episode ends when a new token appears. Every
// refresh is bounded by the OIDC deadline, and while one runs a sync gets the current token if it is
// still valid instead of waiting behind it: no stuck request can hold up the schedule.
import {
  DEFAULT_OIDC_TIMEOUTS,
  readTokenCache,
  tokenCachePath,
  type FreshToken,
  type OidcTimeouts,
} from "../auth/index.ts";
import type { SessionConfig } from "../config/index.ts";
import { LoginNeededError, errorMessage } from "../errors.ts";
import { log } from "../log/logger.ts";
import type { Env } from "../paths.ts";
import { tryRefresh } from "./token-refresh.ts";
import { leadMs, nextCheckMs, type Known } from "./token-timing.ts";
import type { TokenState } from "./state.ts";

export interface KeeperEvents {
  /** Refresh is impossible: tell the user (once per episode). */
  onLoginNeeded(session: string, reason: string): void;
  /** A token we did not write appeared (a login); `recovered` when the session was stuck before. */
  onNewToken(session: string, recovered: boolean): void;
  onRefreshed(session: string, expiresAt: Date): void;
}

interface Tracked {
  session: SessionConfig;
  queue: Promise<unknown>;
  timer?: NodeJS.Timeout;
  known?: Known;
  /** Set while refresh is impossible; `token` is the access token that was current then. */
  stuck?: { reason: string; token?: string };
  /** A refresh request is out: syncs take the current token rather than queue behind it. */
  refreshing: boolean;
  /** The token expired while refreshes fail: "login needed" was reported for this episode. */
  expiredReported: boolean;
  failures: number;
  status: TokenState;
}

const observed = (token: FreshToken, ours: boolean): Known => ({ ...token, observedAt: Date.now(), ours });

export class TokenKeeper {
  private readonly tracked = new Map<string, Tracked>();
  private stopped = false;

  constructor(
    private readonly env: Env,
    private leadSeconds: number,
    private readonly events: KeeperEvents,
    private timeouts: OidcTimeouts = DEFAULT_OIDC_TIMEOUTS,
  ) {}

  /** Adds, updates and drops sessions (after a reload); new ones are checked at once. */
  setSessions(sessions: readonly SessionConfig[], leadSeconds: number, timeouts = this.timeouts): void {
    this.leadSeconds = leadSeconds;
    this.timeouts = timeouts;
    const names = new Set(sessions.map((s) => s.name));
    for (const [name, t] of this.tracked) {
      if (names.has(name)) continue;
      clearTimeout(t.timer);
      this.tracked.delete(name);
    }
    for (const s of sessions) {
      const t = this.tracked.get(s.name);
      if (t) t.session = s;
      else {
        this.tracked.set(s.name, {
          session: s,
          queue: Promise.resolve(),
          refreshing: false,
          expiredReported: false,
          failures: 0,
          status: { state: "unknown", refreshes: 0 },
        });
        this.check(s.name);
      }
    }
  }

  tokenFiles(): string[] {
    return [...this.tracked.values()].map((t) => tokenCachePath(t.session, { env: this.env }));
  }

  status(): Record<string, TokenState> {
    return Object.fromEntries([...this.tracked].map(([name, t]) => [name, { ...t.status }]));
  }

  /** The token for a sync: the cached one while it is fresh enough, else refreshed first. */
  token(s: SessionConfig): Promise<FreshToken> {
    const t = this.tracked.get(s.name);
    const known = t?.known;
    if (t?.refreshing && known && known.expiresAt.getTime() > Date.now()) {
      return Promise.resolve({ accessToken: known.accessToken, expiresAt: known.expiresAt });
    }
    return this.enqueue(s.name, (x) => this.ensure(x));
  }

  /** Timer, or a nudge from outside: ensure a fresh token without anyone waiting for it. */
  check(name: string): void {
    this.enqueue(name, (t) => this.ensure(t)).catch(() => undefined);
  }

  /** The cache file changed: a token we did not write is a login (or another tool's refresh). */
  cacheChanged(file: string): void {
    const t = [...this.tracked.values()].find((x) => tokenCachePath(x.session, { env: this.env }) === file);
    if (t) this.check(t.session.name);
  }

  /** A sync found the token rejected by the portal: refresh now, whatever the expiry says. True if refreshed. */
  async rejected(name: string): Promise<boolean> {
    const before = this.tracked.get(name)?.known?.accessToken;
    await this.enqueue(name, (t) => this.ensure(t, true)).catch(() => undefined);
    const after = this.tracked.get(name)?.known;
    return after !== undefined && after.ours && after.accessToken !== before;
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.tracked.values()) clearTimeout(t.timer);
  }

  /** Resolves once no token operation is in flight (a refresh must get to write its rotated token). */
  async idle(): Promise<void> {
    await Promise.all([...this.tracked.values()].map((t) => t.queue));
  }

  private enqueue<T>(name: string, fn: (t: Tracked) => Promise<T>): Promise<T> {
    const t = this.tracked.get(name);
    if (!t) return Promise.reject(new Error(`session "${name}" is not configured`));
    const next = t.queue.then(() => fn(t));
    t.queue = next.catch(() => undefined);
    return next;
  }

  private async ensure(t: Tracked, force = false): Promise<FreshToken> {
    const name = t.session.name;
    const read = await readTokenCache(t.session, { env: this.env });
    if (read.state !== "ok") {
      t.known = undefined;
      throw this.stuck(
        t,
        read.state === "missing" ? "no token" : `token cache file unusable: ${read.reason}`,
      );
    }
    const { token } = read;
    const cached: FreshToken = { accessToken: token.accessToken, expiresAt: token.expiresAt };
    if (t.known?.accessToken !== token.accessToken) {
      const recovered = t.stuck !== undefined && t.stuck.token !== token.accessToken;
      const first = t.known === undefined && t.status.state === "unknown";
      t.known = observed(cached, false);
      t.expiredReported = false; // a new token (a login, another tool's refresh) ends that episode
      if (recovered || (t.stuck === undefined && !first)) this.events.onNewToken(name, recovered);
      if (recovered) t.stuck = undefined;
    }
    const left = token.expiresAt.getTime() - Date.now();
    if ((left > leadMs(t.known, this.leadSeconds) && !force) || t.stuck) {
      this.settle(t, t.stuck ? "login-needed" : "ok");
      if (left > 0) return cached;
      throw new LoginNeededError(name, t.stuck?.reason ?? "token expired");
    }
    t.refreshing = true;
    const out = await tryRefresh(t.session, read, this.env, this.timeouts).finally(
      () => (t.refreshing = false),
    );
    if (out.kind === "replaced") return this.ensure(t);
    if (out.kind === "refreshed") {
      const fresh = out.token;
      t.known = observed(fresh, true);
      t.failures = 0;
      t.expiredReported = false;
      t.status.refreshes++;
      t.status.lastRefreshAt = new Date().toISOString();
      log().info(`session ${name}: token refreshed, valid until ${fresh.expiresAt.toISOString()}`);
      this.events.onRefreshed(name, fresh.expiresAt);
      this.settle(t, "ok");
      return fresh;
    }
    if (out.kind === "impossible") {
      const err = this.stuck(t, out.reason, token.accessToken);
      if (left > 0) return cached;
      throw err;
    }
    t.failures++;
    t.status.reason = errorMessage(out.error);
    log().warn(
      `session ${name}: token refresh failed (attempt ${t.failures}), will retry: ${t.status.reason}`,
    );
    if (left > 0) {
      this.settle(t, "refresh-failing");
      return cached;
    }
    return this.expiredWhileFailing(t, t.status.reason);
  }

  /**
   * The token ran out and refreshes keep failing: tools need a login now, so that is what is reported
   * (once per episode), but the refresh stays scheduled and ends the episode when the endpoint recovers.
   */
  private expiredWhileFailing(t: Tracked, reason: string): never {
    const why = `token expired and the refresh keeps failing: ${reason}`;
    if (!t.expiredReported) this.events.onLoginNeeded(t.session.name, `${why}; the refresh is retried`);
    t.expiredReported = true;
    this.settle(t, "login-needed");
    t.status.reason = why;
    throw new LoginNeededError(t.session.name, why);
  }

  private stuck(t: Tracked, reason: string, token?: string): LoginNeededError {
    const first = t.stuck === undefined;
    t.stuck = { reason, ...(token ? { token } : {}) };
    this.settle(t, "login-needed");
    if (first) this.events.onLoginNeeded(t.session.name, reason);
    return new LoginNeededError(t.session.name, reason);
  }

  /** Records the state and arms the timer for the next check (none while stuck: we wait for a login). */
  private settle(t: Tracked, state: TokenState["state"]): void {
    clearTimeout(t.timer);
    t.status.state = state;
    if (state !== "refresh-failing") delete t.status.reason;
    if (t.stuck) t.status.reason = t.stuck.reason;
    if (t.known) t.status.expiresAt = t.known.expiresAt.toISOString();
    else delete t.status.expiresAt;
    delete t.status.nextRefreshAt;
    if (this.stopped || t.stuck || !t.known) return;
    const delay = nextCheckMs(t.known, this.leadSeconds, t.failures);
    t.status.nextRefreshAt = new Date(Date.now() + delay).toISOString();
    t.timer = setTimeout(() => this.check(t.session.name), delay);
  }
}
