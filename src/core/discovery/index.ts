// Discovery of one session: ListAccounts, then ListAccountRoles per account, concurrently under the
// adaptive limiter; role listings start as soon as their ListAccounts page arrives. All or nothing: the
// result is complete, or it throws (LoginNeededError, DiscoveryError) and the caller keeps the session's
// previous model, so nothing is ever pruned on partial data.
import { setMaxListeners } from "node:events";
import { LoginNeededError } from "../errors.ts";
import { registerSecret } from "../log/redact.ts";
import { clientSettings } from "../sdk/client-settings.ts";
import type { DiscoveredAccount, DiscoveredSession } from "../model/model.ts";
import { CallFailure, callWithRetry, type CallContext } from "./call.ts";
import { createPortal, type PortalAccount } from "./client.ts";
import { DiscoveryError, type DiscoveryFailure } from "./errors.ts";
import { compileFilters } from "./filters.ts";
import { learnedRate, rememberRate } from "./learned-rate.ts";
import { AdaptiveLimiter } from "./limiter.ts";
import { clampPageSize, paginate } from "./paginate.ts";
import type { DiscoveryInput, DiscoveryOptions, DiscoveryStats } from "./types.ts";

export { DiscoveryError } from "./errors.ts";
export { progressReporter, type DiscoveryProgress } from "./progress.ts";
export { discoveryTuning, type DiscoveryInput, type DiscoveryOptions, type DiscoveryStats } from "./types.ts";

/** After this many failed accounts the rest is not worth the requests: the run fails either way. */
const MAX_FAILURES = 25;
const PROGRESS_TICK_MS = 250;

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export async function discoverSession(
  input: DiscoveryInput,
  opts: DiscoveryOptions,
): Promise<{ result: DiscoveredSession; stats: DiscoveryStats }> {
  const { session } = input;
  registerSecret(input.accessToken);
  // Before any timer starts: a bad setting in the shared files fails here, with nothing to clean up.
  const settings = await clientSettings("SSO", opts.env ?? process.env);
  const started = performance.now();
  const { deadlineMs } = opts;
  const maxConcurrency = Math.max(1, opts.maxConcurrency);
  const filter = compileFilters(opts.filters);

  const run = new AbortController();
  setMaxListeners(0, run.signal); // every queued request listens for the end of the run
  const stop = (): void => run.abort();
  let deadlineHit = false;
  const deadline = setTimeout(() => ((deadlineHit = true), stop()), deadlineMs);
  opts.signal?.addEventListener("abort", stop, { once: true });
  if (opts.signal?.aborted) stop();

  const concurrency = Math.min(opts.concurrency, maxConcurrency);
  const share = opts.share ?? 1;
  const limiter = new AdaptiveLimiter({
    concurrency,
    maxConcurrency,
    share,
    learnedRate: share < 1 ? learnedRate(session, input.ssoRegion) : undefined,
  });
  const stats = { requests: 0, retries: 0, throttled: 0 };
  const ctx: CallContext = {
    limiter,
    stats,
    signal: run.signal,
    maxAttempts: Math.max(1, opts.maxAttempts),
    requestTimeoutMs: opts.requestTimeoutMs,
  };
  const portal = createPortal({
    settings,
    region: input.ssoRegion,
    accessToken: input.accessToken,
    pageSize: clampPageSize(opts.pageSize),
    maxSockets: maxConcurrency,
    connectTimeoutMs: opts.connectTimeoutMs,
    requestTimeoutMs: opts.requestTimeoutMs,
    clientConfig: opts.clientConfig,
  });

  const accounts = new Map<string, DiscoveredAccount>();
  const failures: DiscoveryFailure[] = [];
  let fatal: unknown;
  let done = 0;
  const elapsed = (): number => performance.now() - started;
  const report = (finished: boolean): void =>
    opts.onProgress?.({
      accountsDone: done,
      accountsTotal: accounts.size,
      ...stats,
      elapsedMs: elapsed(),
      finished,
    });
  const ticker = opts.onProgress ? setInterval(() => report(false), PROGRESS_TICK_MS) : undefined;

  // Never throws: role tasks run unawaited while ListAccounts pages arrive, so a rejection would go unhandled.
  const fail = (
    err: unknown,
    operation: DiscoveryFailure["operation"],
    account?: DiscoveredAccount,
  ): void => {
    if (err instanceof CallFailure && err.kind === "aborted") return;
    if (!(err instanceof CallFailure) || err.kind === "unauthorized") {
      fatal ??=
        err instanceof CallFailure
          ? new LoginNeededError(session, { code: "token-rejected", text: "token rejected by the portal" })
          : err;
      return stop();
    }
    failures.push({
      operation,
      accountId: account?.accountId,
      accountName: account?.accountName,
      reason: err.reason,
      ...(err.hint ? { hint: err.hint } : {}),
      ...(err.unreachable ? { unreachable: true } : {}),
    });
    if (operation === "ListAccounts" || failures.length >= MAX_FAILURES) stop();
  };

  const listRoles = async (account: DiscoveredAccount): Promise<void> => {
    try {
      const roles = await paginate((token) =>
        callWithRetry(ctx, () => portal.roles(account.accountId, token)),
      );
      account.roles = [...new Set(roles.filter((r) => filter.role(r)))].sort(byString);
      done++;
      report(false);
    } catch (err) {
      fail(err, "ListAccountRoles", account);
    }
  };

  const tasks: Array<Promise<void>> = [];
  const onAccountsPage = (page: PortalAccount[]): void => {
    for (const { accountId, accountName, emailAddress } of page) {
      if (accounts.has(accountId)) continue;
      const account: DiscoveredAccount = {
        accountId,
        accountName: accountName ?? "",
        emailAddress: emailAddress ?? "",
        roles: [],
      };
      if (!filter.account(account)) continue; // excluded accounts cost no ListAccountRoles request
      accounts.set(accountId, account);
      tasks.push(listRoles(account));
    }
  };
  try {
    await paginate(
      (token) => callWithRetry(ctx, () => portal.accounts(token), { priority: true }),
      onAccountsPage,
    ).catch((err: unknown) => fail(err, "ListAccounts"));
    await Promise.all(tasks);
  } finally {
    clearTimeout(deadline);
    clearInterval(ticker);
    opts.signal?.removeEventListener("abort", stop);
    portal.destroy();
    report(true);
    rememberRate(session, input.ssoRegion, limiter.learnedRate);
  }

  if (fatal !== undefined) throw fatal;
  const progress = `${done}/${accounts.size} accounts listed`;
  if (deadlineHit) {
    const summary = `deadline of ${deadlineMs / 1000} s exceeded (${progress})`;
    throw new DiscoveryError(session, failures, { summary, deadlineExceeded: true });
  }
  if (run.signal.aborted && failures.length === 0) {
    throw new DiscoveryError(session, failures, { summary: `cancelled (${progress})` });
  }
  if (failures.length > 0) {
    const early = failures.length >= MAX_FAILURES ? `, stopped early (${progress})` : "";
    throw new DiscoveryError(session, failures, { summary: `${failures.length} listing(s) failed${early}` });
  }

  const listed = [...accounts.values()].filter((a) => a.roles.length > 0);
  const result: DiscoveredSession = {
    session,
    accounts: listed.sort((a, b) => byString(a.accountId, b.accountId)),
  };
  return { result, stats: { ...stats, elapsedMs: elapsed(), peakConcurrency: limiter.peakConcurrency } };
}
