// OIDC API (`sso-oidc`, docs/internals/oidc.md 2-3): RegisterClient and StartDeviceAuthorization; CreateToken
// lives in grants.ts. Bodies are camelCase JSON; timestamps are epoch seconds; durations integers.
import type { Ctx } from "./context.ts";
import { oidcError, ok, str, strArray, type Reply } from "./http.ts";

export function registerClient(body: Record<string, unknown>, ctx: Ctx): Reply {
  const clientName = str(body.clientName);
  const clientType = str(body.clientType);
  if (!clientName || !clientType) {
    return oidcError("InvalidRequestException", "clientName and clientType are required");
  }
  if (clientType !== "public") {
    return oidcError("InvalidClientMetadataException", `Invalid client type: ${clientType}`);
  }
  const optional = { scopes: body.scopes, grantTypes: body.grantTypes, redirectUris: body.redirectUris };
  for (const [k, v] of Object.entries(optional)) {
    if (v !== undefined && v !== null && !strArray(v)) {
      return oidcError("InvalidRequestException", `${k} must be a list of strings`);
    }
  }
  const grantTypes = strArray(body.grantTypes) ?? [];
  const known = ["authorization_code", "refresh_token", "urn:ietf:params:oauth:grant-type:device_code"];
  const unknownGrant = grantTypes.find((g) => !known.includes(g));
  if (unknownGrant)
    return oidcError("UnsupportedGrantTypeException", `Unsupported grant type: ${unknownGrant}`);
  const redirectUris = strArray(body.redirectUris) ?? [];
  for (const uri of redirectUris) {
    if (!URL.canParse(uri)) return oidcError("InvalidRedirectUriException", "Invalid redirect URI");
  }
  const client = ctx.store.register({
    clientName,
    scopes: strArray(body.scopes) ?? [],
    grantTypes,
    redirectUris,
  });
  return ok({
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    clientIdIssuedAt: client.issuedAt,
    clientSecretExpiresAt: client.expiresAt,
  });
}

export function startDeviceAuthorization(body: Record<string, unknown>, ctx: Ctx): Reply {
  const clientId = str(body.clientId);
  const clientSecret = str(body.clientSecret);
  const startUrl = str(body.startUrl);
  if (!clientId || !clientSecret || !startUrl) {
    return oidcError("InvalidRequestException", "clientId, clientSecret and startUrl are required");
  }
  const client = ctx.store.authenticate(clientId, clientSecret);
  if (!client) return oidcError("InvalidClientException", "Invalid client provided");
  if (!URL.canParse(startUrl)) return oidcError("InvalidRequestException", "Invalid start URL");
  const d = ctx.store.startDevice(client.clientId, ctx.opts.deviceCodeTtlSec);
  // A real verification page: GET it (as the signed-in user's browser would) to approve the code.
  const verificationUri = `${ctx.url}/device/`;
  return ok({
    deviceCode: d.deviceCode,
    userCode: d.userCode,
    verificationUri,
    verificationUriComplete: `${verificationUri}?user_code=${d.userCode}`,
    expiresIn: Math.round(ctx.opts.deviceCodeTtlSec),
    interval: Math.round(ctx.opts.deviceInterval),
  });
}
