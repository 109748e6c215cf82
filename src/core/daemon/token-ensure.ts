// One token operation of the keeper, run in the session's queue: read the cache, notice a token someone
// else wrote, then do what auth's freshness rule says (use, refresh, or login needed) with the lifetime
// the keeper observed. A refresh that fails on the network leaves the cached token in use while it
// lasts; one that cannot work makes the session wait for a login.
import {
  judge,
  readTokenCache,
  unusableReason,
  usableAsIs,
  writeBackComplete,
  type FreshToken,
} from "../auth/index.ts";
import { LoginNeededError, errorMessage } from "../errors.ts";
import { log } from "../log/logger.ts";
import { tryRefresh } from "./token-refresh.ts";
import { policyOf, type Known } from "./token-timing.ts";
import { expiredWhileFailing, settle, stuck, type KeeperContext, type Tracked } from "./token-tracked.ts";

const observed = (token: FreshToken, ours: boolean): Known => ({ ...token, observedAt: Date.now(), ours });

/** `force`: the portal rejected the token although it looked good; refresh whatever the expiry says. */
export async function ensure(t: Tracked, ctx: KeeperContext, force = false): Promise<FreshToken> {
  const name = t.session.name;
  const read = await readTokenCache(t.session, { env: ctx.env });
  if (read.state !== "ok") {
    t.known = undefined;
    throw stuck(t, ctx, unusableReason(read));
  }
  const { token } = read;
  const cached: FreshToken = { accessToken: token.accessToken, expiresAt: token.expiresAt };
  if (t.known?.accessToken !== token.accessToken) {
    const recovered = t.stuck !== undefined && t.stuck.token !== token.accessToken;
    const first = t.known === undefined && t.status.state === "unknown";
    t.known = observed(cached, false);
    t.expiredReported = false; // a new token (a login, another tool's refresh) ends that episode
    if (recovered || (t.stuck === undefined && !first)) ctx.events.onNewToken(name, recovered);
    if (recovered) t.stuck = undefined;
  }
  const policy = policyOf(t.known, ctx.leadSeconds);
  const usable = () => usableAsIs(token, Date.now(), policy);
  if (t.stuck) {
    settle(t, ctx, "login-needed");
    if (usable()) return cached;
    throw new LoginNeededError(name, t.stuck.reason);
  }
  const d = judge(token, Date.now(), policy);
  if (d.action === "login") throw stuck(t, ctx, d.reason, token.accessToken);
  if (d.action === "use" && d.reason === "cannot-refresh") {
    stuck(t, ctx, d.blocker, token.accessToken);
    return cached;
  }
  if (d.action === "use" && !force) {
    // Another tool (aws-vault) dropped the registration: put it back so every tool can refresh.
    await writeBackComplete(t.session, read, { env: ctx.env }).catch((err: unknown) =>
      log().warn("token file not completed", { session: name, file: read.file, error: errorMessage(err) }),
    );
    settle(t, ctx, "ok");
    return cached;
  }
  t.refreshing = true;
  const out = await tryRefresh(t.session, read, ctx).finally(() => (t.refreshing = false));
  if (out.kind === "replaced") return ensure(t, ctx);
  if (out.kind === "refreshed") {
    const fresh = out.token;
    t.known = observed(fresh, true);
    t.failures = 0;
    t.expiredReported = false;
    t.status.refreshes++;
    t.status.lastRefreshAt = new Date().toISOString();
    log().info("token refreshed", { session: name, expiresAt: fresh.expiresAt.toISOString() });
    ctx.events.onRefreshed(name, fresh.expiresAt);
    settle(t, ctx, "ok");
    return fresh;
  }
  if (out.kind === "impossible") {
    const err = stuck(t, ctx, out.reason, token.accessToken);
    if (usable()) return cached;
    throw err;
  }
  t.failures++;
  t.status.reason = errorMessage(out.error);
  log().warn("token refresh failed", {
    session: name,
    attempt: t.failures,
    error: t.status.reason,
    effect: "will retry",
  });
  if (usable()) {
    settle(t, ctx, "refresh-failing");
    return cached;
  }
  return expiredWhileFailing(t, ctx, t.status.reason);
}
