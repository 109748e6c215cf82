// CreateToken (docs/internals/oidc.md 4): device_code, refresh_token and authorization_code (PKCE S256)
// grants. Only scoped registrations get refresh tokens; legacy ones get a non-refreshable token
// (docs/internals/oidc.md 8).
import { createHash } from "node:crypto";
import type { Ctx } from "./context.ts";
import { oidcError, ok, str, type Reply } from "./http.ts";
import type { Client, Minted } from "./state.ts";

export const DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
const INVALID_REFRESH = "Invalid refresh token provided";

function tokenReply(m: Minted): Reply {
  return ok({
    accessToken: m.accessToken,
    tokenType: "Bearer",
    expiresIn: m.expiresIn,
    refreshToken: m.refreshToken,
  });
}

export function createToken(body: Record<string, unknown>, query: URLSearchParams, ctx: Ctx): Reply {
  if (query.get("aws_iam") === "t") {
    return oidcError("InvalidRequestException", "CreateTokenWithIAM is not supported by this emulator");
  }
  const grantType = str(body.grantType);
  const clientId = str(body.clientId);
  const clientSecret = str(body.clientSecret);
  if (grantType) ctx.counters.grant(grantType === DEVICE_GRANT ? "device_code" : grantType);
  if (!grantType || !clientId || !clientSecret) {
    return oidcError("InvalidRequestException", "clientId, clientSecret and grantType are required");
  }
  const client = ctx.store.authenticate(clientId, clientSecret);
  if (!client) return oidcError("InvalidClientException", "Invalid client provided");
  const known = [DEVICE_GRANT, "refresh_token", "authorization_code"];
  if (!known.includes(grantType)) {
    return oidcError("UnsupportedGrantTypeException", `Unsupported grant type: ${grantType}`);
  }
  // Device-flow registrations list no grant types; PKCE ones list exactly what they may use.
  if (client.grantTypes.length > 0 && grantType !== DEVICE_GRANT && !client.grantTypes.includes(grantType)) {
    return oidcError("UnauthorizedClientException", `Client is not authorized for ${grantType}`);
  }
  if (grantType === DEVICE_GRANT) return deviceGrant(client, str(body.deviceCode), ctx);
  if (grantType === "refresh_token") return refreshGrant(client, str(body.refreshToken), ctx);
  return codeGrant(client, body, ctx);
}

function deviceGrant(client: Client, deviceCode: string | undefined, ctx: Ctx): Reply {
  if (!deviceCode) return oidcError("InvalidRequestException", "deviceCode is required");
  const d = ctx.store.devices.get(deviceCode);
  if (!d || d.clientId !== client.clientId || d.status === "consumed") {
    return oidcError("InvalidGrantException", "Invalid device code provided");
  }
  const now = Date.now();
  if (d.expiresAt <= now) return oidcError("ExpiredTokenException", "Device code has expired");
  const gap = now - d.lastPollAt;
  d.lastPollAt = now;
  d.polls++;
  const approval = ctx.opts.approval;
  if (d.status === "pending" && approval === "deny") d.status = "denied";
  if (d.status === "pending" && typeof approval === "object" && d.polls > approval.autoAfterPolls) {
    d.status = "approved";
  }
  if (d.status === "denied")
    return oidcError("AccessDeniedException", "Authorization was denied by the user");
  if (d.status === "pending") {
    // The CLI polls twice back to back (docs/internals/oidc.md 5): only a run of fast polls earns slow_down.
    const fast = ctx.opts.deviceInterval > 0 && gap < (ctx.opts.deviceInterval * 1000) / 2;
    d.fastPolls = fast ? d.fastPolls + 1 : 0;
    if (d.fastPolls >= 4) return oidcError("SlowDownException", "Client is polling too quickly");
    return oidcError("AuthorizationPendingException", "Authorization is still pending");
  }
  d.status = "consumed";
  return tokenReply(ctx.store.login(client, ctx.opts.refreshTokenTtlSec, ctx.opts.accessTokenTtlSec));
}

function refreshGrant(client: Client, refreshToken: string | undefined, ctx: Ctx): Reply {
  if (!refreshToken) return oidcError("InvalidRequestException", "refreshToken is required");
  const session = ctx.store.sessionForRefresh(refreshToken, client.clientId);
  if (!session) return oidcError("InvalidGrantException", INVALID_REFRESH);
  if (!ctx.opts.rotateRefreshTokens) {
    return tokenReply(ctx.store.mint(session, ctx.opts.accessTokenTtlSec, refreshToken));
  }
  ctx.store.refresh.delete(refreshToken);
  return tokenReply(ctx.store.mint(session, ctx.opts.accessTokenTtlSec));
}

function s256(verifier: string): string {
  return createHash("sha256").update(verifier).digest("base64url");
}

function codeGrant(client: Client, body: Record<string, unknown>, ctx: Ctx): Reply {
  const code = str(body.code);
  const redirectUri = str(body.redirectUri);
  const verifier = str(body.codeVerifier);
  if (!code || !redirectUri || !verifier) {
    return oidcError("InvalidRequestException", "code, redirectUri and codeVerifier are required");
  }
  const grant = ctx.store.codes.get(code);
  ctx.store.codes.delete(code); // single use, even when the exchange fails
  if (!grant || grant.clientId !== client.clientId || grant.expiresAt <= Date.now()) {
    return oidcError("InvalidGrantException", "Invalid authorization code provided");
  }
  if (grant.redirectUri !== redirectUri) {
    return oidcError("InvalidGrantException", "redirectUri does not match the authorization request");
  }
  if (s256(verifier) !== grant.challenge) {
    return oidcError("InvalidGrantException", "Code verifier does not match the code challenge");
  }
  return tokenReply(ctx.store.login(client, ctx.opts.refreshTokenTtlSec, ctx.opts.accessTokenTtlSec));
}
