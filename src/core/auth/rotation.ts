// The refresh grant was refused (invalid_grant / invalid_client). That may only mean another tool
// (botocore, the JS SDK, the AWS CLI) refreshed with the same refresh token a moment before us: the portal
// rotates refresh tokens, so ours is spent, and that tool is about to write its new token to the shared
// file. So the file is read again, for a short grace, before a login is declared needed
// (docs/internals/token-freshness.md). Every refresh (sync, login, the daemon) ends up here.
import { setTimeout as sleep } from "node:timers/promises";
import { LoginNeededError } from "../errors.ts";
import { readTokenCache, type CachedToken, type TokenCacheRead } from "./cache.ts";
import { decide } from "./freshness.ts";
import type { Refreshed } from "./refresh.ts";
import type { AuthSession, EnvOptions } from "./session.ts";

/** How long another tool gets to write its token after our refusal, and how often we look. */
const GRACE_MS = 1000;
const POLL_MS = 100;

export type OkRead = Extract<TokenCacheRead, { state: "ok" }>;

/** The file holds a token other than the one we tried: someone stored a newer one. */
function replaces(read: TokenCacheRead, tried: CachedToken): read is OkRead {
  return (
    read.state === "ok" &&
    (read.token.accessToken !== tried.accessToken || read.token.refreshToken !== tried.refreshToken)
  );
}

/** The token another tool stored after we tried `tried`, or undefined when none appears in the grace. */
async function storedSince(
  session: AuthSession,
  tried: CachedToken,
  opts: EnvOptions,
): Promise<OkRead | undefined> {
  const until = Date.now() + GRACE_MS;
  for (;;) {
    const read = await readTokenCache(session, opts);
    if (replaces(read, tried)) return read;
    if (Date.now() >= until) return undefined;
    await sleep(POLL_MS);
  }
}

/**
 * After a refused refresh of `tried`: the token another tool stored, judged by the same rule as any
 * cached token (freshness.ts): used as it is, refreshed once more with its newer refresh token (`retry`,
 * absent on that retry), or a login is needed.
 */
export async function afterRefusal(
  session: AuthSession,
  tried: CachedToken,
  error: "InvalidGrantException" | "InvalidClientException",
  opts: EnvOptions & { refreshLeadSeconds: number },
  retry: ((newer: OkRead) => Promise<Refreshed>) | undefined,
): Promise<Refreshed> {
  const newer = await storedSince(session, tried, opts);
  if (newer) {
    const d = decide(newer, Date.now(), { leadSeconds: opts.refreshLeadSeconds });
    const { accessToken, expiresAt } = newer.token;
    if (d.action === "use") return { accessToken, expiresAt, by: "another-tool" };
    if (d.action === "login") throw new LoginNeededError(session.name, d.reason);
    if (retry) return retry(newer);
  }
  const code = error === "InvalidGrantException" ? "invalid_grant" : "invalid_client";
  throw new LoginNeededError(session.name, {
    code: "session-ended",
    text: `refresh failed: ${code}; the portal session ended`,
  });
}
