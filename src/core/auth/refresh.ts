// Refreshing the shared token with its refresh token (grant refresh_token), the way the daemon keeps every
// tool logged in. The file keeps fields we do not know and a rotated refresh token; an ended portal
// session (invalid_grant) becomes LoginNeededError, never a crash.
import { CreateTokenCommand, type SSOOIDCClient } from "@aws-sdk/client-sso-oidc";
import { LoginNeededError } from "../errors.ts";
import { log } from "../log/logger.ts";
import { registerSecret } from "../log/redact.ts";
import {
  readTokenCache,
  tokenCachePath,
  writeTokenCache,
  type CachedToken,
  type TokenCacheRead,
} from "./cache.ts";
import { createTokenAnswer } from "./answers.ts";
import { oidcErrorName, resolveOidcEndpoint, wrapOidcError } from "./oidc.ts";
import { callOidc, createOidcClient, DEFAULT_OIDC_TIMEOUTS, type OidcTimeouts } from "./oidc-call.ts";
import type { AuthSession, EnvOptions } from "./session.ts";

export interface FreshToken {
  accessToken: string;
  expiresAt: Date;
}

/** Why this cached token cannot be refreshed, or undefined when it can. */
export function refreshBlocker(token: CachedToken, now = Date.now()): string | undefined {
  if (!token.refreshToken) return "no refresh token";
  if (!token.clientId || !token.clientSecret) return "no client registration in the token file";
  if (token.registrationExpiresAt && token.registrationExpiresAt.getTime() <= now)
    return "client registration expired";
  return undefined;
}

/** Why a cache read gives no token at all (missing, unreadable, foreign), for LoginNeededError. */
export function unusableReason(read: Exclude<TokenCacheRead, { state: "ok" }>): string {
  return read.state === "missing" ? "no token" : `token cache file ${read.file} unusable: ${read.reason}`;
}

export interface RefreshOptions extends EnvOptions {
  client?: SSOOIDCClient;
  /** Per-attempt limits and the deadline of the whole refresh (default 30 s / 10 s / 60 s). */
  timeouts?: OidcTimeouts;
  /** An already-read cache, to avoid reading twice. */
  cached?: TokenCacheRead;
}

/** One refresh per token file at a time within this process; concurrent callers share it. */
const inFlight = new Map<string, Promise<FreshToken>>();

export function refreshToken(session: AuthSession, opts: RefreshOptions = {}): Promise<FreshToken> {
  const key = tokenCachePath(session, opts);
  const running = inFlight.get(key);
  if (running) return running;
  const p = doRefresh(session, opts).finally(() => inFlight.delete(key));
  inFlight.set(key, p);
  return p;
}

async function doRefresh(session: AuthSession, opts: RefreshOptions): Promise<FreshToken> {
  const read = opts.cached ?? (await readTokenCache(session, opts));
  if (read.state !== "ok") throw new LoginNeededError(session.name, unusableReason(read));
  const old = read.token;
  const blocker = refreshBlocker(old);
  if (blocker) throw new LoginNeededError(session.name, blocker);
  const timeouts = opts.timeouts ?? DEFAULT_OIDC_TIMEOUTS;
  const client = opts.client ?? (await createOidcClient(session.region, timeouts, opts.env));
  try {
    const endpoint = await resolveOidcEndpoint(client, session.region, opts);
    const call = { operation: "CreateToken", what: "token refresh", endpoint, timeouts };
    const input = {
      grantType: "refresh_token",
      clientId: old.clientId,
      clientSecret: old.clientSecret,
      refreshToken: old.refreshToken,
    };
    const send = (abortSignal: AbortSignal) => client.send(new CreateTokenCommand(input), { abortSignal });
    const out = await callOidc(call, createTokenAnswer, send).catch(async (err: unknown) => {
      const name = oidcErrorName(err);
      if (name === "InvalidGrantException" || name === "InvalidClientException") {
        // Another tool (botocore, the JS SDK) may have refreshed first and rotated the refresh token.
        const again = await readTokenCache(session, opts);
        if (
          again.state === "ok" &&
          again.token.accessToken !== old.accessToken &&
          again.token.expiresAt.getTime() > Date.now()
        ) {
          return {
            accessToken: again.token.accessToken,
            expiresAt: again.token.expiresAt,
            reread: true as const,
          };
        }
        const code = name === "InvalidGrantException" ? "invalid_grant" : "invalid_client";
        throw new LoginNeededError(session.name, `refresh failed: ${code}; the portal session ended`);
      }
      throw wrapOidcError(err, endpoint, "token refresh");
    });
    if ("reread" in out) return { accessToken: out.accessToken, expiresAt: out.expiresAt };
    registerSecret(out.accessToken);
    registerSecret(out.refreshToken ?? undefined);
    const expiresAt = new Date(Date.now() + out.expiresIn * 1000);
    await writeTokenCache(
      session,
      {
        accessToken: out.accessToken,
        expiresAt,
        clientId: old.clientId as string,
        clientSecret: old.clientSecret as string,
        ...(old.registrationExpiresAt ? { registrationExpiresAt: old.registrationExpiresAt } : {}),
        // Keep the old refresh token when the answer has none: dropping it would end refreshes for good.
        refreshToken: out.refreshToken ?? old.refreshToken,
      },
      { ...opts, keep: read.raw },
    );
    log().debug("token refreshed", {
      session: session.name,
      expiresAt: expiresAt.toISOString(),
      rotated: !!out.refreshToken,
    });
    return { accessToken: out.accessToken, expiresAt };
  } finally {
    if (!opts.client) client.destroy();
  }
}
