// Keeps every session's token fresh in the shared cache, so the AWS CLI, boto3 and the JS SDK never need
// a login while the portal session lasts. Per session: a timer refreshes the token ahead of expiry, and
// every token operation (timer, a sync asking for a token, a cache change) runs in one queue, so two
// refreshes never race and burn a rotated refresh token. What one operation does is token-ensure.ts; a
// refresh that cannot work is reported once per episode, which ends when a new token appears. Every
// refresh is bounded by the OIDC deadline, and while one runs a sync gets the current token if it is
// still usable instead of waiting behind it: no stuck request can hold up the schedule.
import { tokenCachePath, usableAsIs, type FreshToken, type OidcTimeouts } from "../auth/index.ts";
import type { SessionConfig } from "../config/index.ts";
import type { Env } from "../paths.ts";
import type { TokenState } from "../state/daemon.ts";
import { ensure } from "./token-ensure.ts";
import { policyOf } from "./token-timing.ts";
import { tracked, type KeeperContext, type KeeperEvents, type Tracked } from "./token-tracked.ts";

export type { KeeperEvents } from "./token-tracked.ts";

export class TokenKeeper {
  private readonly tracked = new Map<string, Tracked>();
  private readonly ctx: KeeperContext;

  constructor(env: Env, leadSeconds: number, events: KeeperEvents, timeouts: OidcTimeouts) {
    this.ctx = { env, leadSeconds, timeouts, events, stopped: false, check: (name) => this.check(name) };
  }

  /** Adds, updates and drops sessions (after a reload); new ones are checked at once. */
  setSessions(sessions: readonly SessionConfig[], leadSeconds: number, timeouts = this.ctx.timeouts): void {
    this.ctx.leadSeconds = leadSeconds;
    this.ctx.timeouts = timeouts;
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
        this.tracked.set(s.name, tracked(s));
        this.check(s.name);
      }
    }
  }

  status(): Record<string, TokenState> {
    return Object.fromEntries([...this.tracked].map(([name, t]) => [name, { ...t.status }]));
  }

  /** The token for a sync: the cached one while it is fresh enough, else refreshed first. */
  token(s: SessionConfig): Promise<FreshToken> {
    const t = this.tracked.get(s.name);
    const known = t?.known;
    if (t?.refreshing && known && usableAsIs(known, Date.now(), policyOf(known, this.ctx.leadSeconds))) {
      return Promise.resolve({ accessToken: known.accessToken, expiresAt: known.expiresAt });
    }
    return this.enqueue(s.name, (x) => ensure(x, this.ctx));
  }

  /** Timer, or a nudge from outside: ensure a fresh token without anyone waiting for it. */
  check(name: string): void {
    this.enqueue(name, (t) => ensure(t, this.ctx)).catch(() => undefined);
  }

  /** The cache file changed: a token we did not write is a login (or another tool's refresh). */
  cacheChanged(file: string): void {
    const env = { env: this.ctx.env };
    const t = [...this.tracked.values()].find((x) => tokenCachePath(x.session, env) === file);
    if (t) this.check(t.session.name);
  }

  /** A sync found the token rejected by the portal: refresh now, whatever the expiry says. True if refreshed. */
  async rejected(name: string): Promise<boolean> {
    const before = this.tracked.get(name)?.known?.accessToken;
    await this.enqueue(name, (t) => ensure(t, this.ctx, true)).catch(() => undefined);
    const after = this.tracked.get(name)?.known;
    return after !== undefined && after.ours && after.accessToken !== before;
  }

  stop(): void {
    this.ctx.stopped = true;
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
}
