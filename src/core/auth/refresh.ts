// Refreshing the shared token with its refresh token (grant refresh_token), the way the daemon keeps every
// tool logged in. The file keeps fields we do not know and a rotated refresh token; an ended portal
// session (invalid_grant) becomes LoginNeededError, never a crash, unless another tool spent the refresh
// token first (rotation.ts).
import { CreateTokenCommand, type SSOOIDCClient } from "@aws-sdk/client-sso-oidc";
import { LoginNeededError } from "../errors.ts";
import { log } from "../log/logger.ts";
import { registerSecret } from "../log/redact.ts";
import { readTokenCache, tokenCachePath, writeTokenCache, type TokenCacheRead } from "./cache.ts";
import { createTokenAnswer } from "./answers.ts";
import { refreshBlocker, unusableReason } from "./freshness.ts";
import { oidcErrorName, resolveOidcEndpoint, wrapOidcError } from "./oidc.ts";
import { callOidc, createOidcClient, type OidcTimeouts } from "./oidc-call.ts";
import { afterRefusal, type OkRead } from "./rotation.ts";
import type { AuthSession, EnvOptions } from "./session.ts";

export interface FreshToken {
  accessToken: string;
  expiresAt: Date;
}

/** A refresh's token; `by: "another-tool"` when that tool refreshed first and we took what it stored. */
export interface Refreshed extends FreshToken {
  by: "us" | "another-tool";
}

export interface RefreshOptions extends EnvOptions {
  /** The resolved refreshLeadSeconds: judges a token another tool stored meanwhile (freshness.ts). */
  refreshLeadSeconds: number;
  client?: SSOOIDCClient;
  /** Per-attempt limits and the deadline of the whole refresh: the config's resolved `timeouts`. */
  timeouts: OidcTimeouts;
  /** An already-read cache, to avoid reading twice. */
  cached?: TokenCacheRead;
}

/** Set on the one retry with a token another tool stored, so a refused retry ends there. */
interface Attempt extends RefreshOptions {
  retried?: boolean;
}

/** One refresh per token file at a time within this process; concurrent callers share it. */
const inFlight = new Map<string, Promise<Refreshed>>();

export function refreshToken(session: AuthSession, opts: RefreshOptions): Promise<Refreshed> {
  const key = tokenCachePath(session, opts);
  const running = inFlight.get(key);
  if (running) return running;
  const p = doRefresh(session, opts).finally(() => inFlight.delete(key));
  inFlight.set(key, p);
  return p;
}

async function doRefresh(session: AuthSession, opts: Attempt): Promise<Refreshed> {
  const read = opts.cached ?? (await readTokenCache(session, opts));
  if (read.state !== "ok") throw new LoginNeededError(session.name, unusableReason(read));
  const old = read.token;
  const blocker = refreshBlocker(old);
  if (blocker) throw new LoginNeededError(session.name, blocker);
  const { timeouts } = opts;
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
    const out = await callOidc(call, createTokenAnswer, send).catch((err: unknown) => {
      const name = oidcErrorName(err);
      if (name === "InvalidGrantException" || name === "InvalidClientException") return name;
      throw wrapOidcError(err, endpoint, "token refresh");
    });
    if (typeof out === "string") {
      const retry = (newer: OkRead) => doRefresh(session, { ...opts, cached: newer, retried: true });
      return await afterRefusal(session, old, out, opts, opts.retried ? undefined : retry);
    }
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
    return { accessToken: out.accessToken, expiresAt, by: "us" };
  } finally {
    if (!opts.client) client.destroy();
  }
}
