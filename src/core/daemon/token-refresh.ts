// One refresh attempt, its outcome as data. An "invalid_grant" may only mean that another tool (boto3,
// the AWS CLI) refreshed with the same refresh token a moment before us and is about to write its
// rotated one, so the cache is read again after a short grace before a login is declared needed.
import { setTimeout as sleep } from "node:timers/promises";
import {
  readTokenCache,
  refreshToken,
  type FreshToken,
  type OidcTimeouts,
  type TokenCacheRead,
} from "../auth/index.ts";
import type { SessionConfig } from "../config/index.ts";
import { LoginNeededError } from "../errors.ts";
import type { Env } from "../paths.ts";

const RACE_GRACE_MS = 1000;

export type RefreshOutcome =
  | { kind: "refreshed"; token: FreshToken }
  /** Another tool put a new token in the cache meanwhile: start over from the cache. */
  | { kind: "replaced" }
  /** No refresh will work (no refresh token, portal session over): a login is needed. */
  | { kind: "impossible"; reason: string }
  /** Network, DNS, 5xx, no answer within the deadline, a wrong answer: worth another try later. */
  | { kind: "failed"; error: unknown };

/** The reason inside LoginNeededError's message, without the session prefix. */
export function loginReason(err: LoginNeededError): string {
  return err.message.replace(/^session "[^"]*": login needed \((.*)\)$/, "$1");
}

export async function tryRefresh(
  session: SessionConfig,
  read: Extract<TokenCacheRead, { state: "ok" }>,
  env: Env,
  timeouts: OidcTimeouts,
): Promise<RefreshOutcome> {
  try {
    return { kind: "refreshed", token: await refreshToken(session, { env, cached: read, timeouts }) };
  } catch (err) {
    if (!(err instanceof LoginNeededError)) return { kind: "failed", error: err };
    await sleep(RACE_GRACE_MS);
    const again = await readTokenCache(session, { env });
    if (again.state === "ok" && again.token.accessToken !== read.token.accessToken)
      return { kind: "replaced" };
    return { kind: "impossible", reason: loginReason(err) };
  }
}
