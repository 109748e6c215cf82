// OIDC client registrations, cached where the AWS CLI keeps them (docs/internals/token-cache.md 6) so both
// tools reuse one registration. A registration is reused while it has ≥ 15 min left and suits the flow: a
// device-code registration must not list authorization_code, a PKCE one must.
import { RegisterClientCommand, type SSOOIDCClient } from "@aws-sdk/client-sso-oidc";
import { registerSecret } from "../log/redact.ts";
import { pythonJson } from "./pyjson.ts";
import { cacheFilePath, isoSeconds, parseTimestamp, readCacheFile, writeCacheFile } from "./cache-dir.ts";
import { registerClientAnswer } from "./answers.ts";
import { wrapOidcError } from "./oidc.ts";
import { callOidc, type OidcTimeouts } from "./oidc-call.ts";
import type { AuthSession, EnvOptions } from "./session.ts";

export type FlowKind = "device-code" | "pkce";

export interface Registration {
  clientId: string;
  clientSecret: string;
  expiresAt: Date;
  scopes?: string[];
  grantTypes?: string[];
}

/** The registration must outlive the login that uses it (the CLI's _EXPIRY_WINDOW). */
const MIN_VALIDITY_MS = 15 * 60 * 1000;
const PKCE_GRANT_TYPES = ["authorization_code", "refresh_token"];
/** Registered without a port; CreateToken later sends the URI with the callback server's port. */
const PKCE_REDIRECT_URI = "http://127.0.0.1/oauth/callback";

/** The CLI's cache key: Python json.dumps(sort_keys=True) of tool, startUrl, region, scopes, session_name. */
export function registrationKey(session: AuthSession): string {
  const scopes = session.scopes.length > 0 ? [...session.scopes] : null;
  const key = {
    tool: "botocore",
    startUrl: session.startUrl,
    region: session.region,
    scopes,
    session_name: session.name,
  };
  return pythonJson(key, { sortKeys: true });
}

export function registrationCachePath(session: AuthSession, opts: EnvOptions = {}): string {
  return cacheFilePath(registrationKey(session), opts);
}

const strings = (v: unknown): string[] | undefined =>
  Array.isArray(v) && v.every((x) => typeof x === "string") ? (v as string[]) : undefined;

/** The cached registration, whatever its kind or age; undefined when missing or malformed. */
export async function readRegistration(
  session: AuthSession,
  opts: EnvOptions = {},
): Promise<Registration | undefined> {
  const read = await readCacheFile(registrationCachePath(session, opts));
  if (read.kind !== "json" || typeof read.value !== "object" || read.value === null) return undefined;
  const o = read.value as Record<string, unknown>;
  const expiresAt = parseTimestamp(o.expiresAt);
  if (typeof o.clientId !== "string" || typeof o.clientSecret !== "string" || !expiresAt) return undefined;
  registerSecret(o.clientSecret);
  const reg: Registration = { clientId: o.clientId, clientSecret: o.clientSecret, expiresAt };
  const scopes = strings(o.scopes);
  const grantTypes = strings(o.grantTypes);
  if (scopes) reg.scopes = scopes;
  if (grantTypes) reg.grantTypes = grantTypes;
  return reg;
}

export function registrationUsable(reg: Registration, kind: FlowKind, now = Date.now()): boolean {
  if (reg.expiresAt.getTime() - now < MIN_VALIDITY_MS) return false;
  const authCode = reg.grantTypes?.includes("authorization_code") ?? false;
  return kind === "pkce" ? authCode : !authCode;
}

export async function registerClient(
  client: SSOOIDCClient,
  session: AuthSession,
  kind: FlowKind,
  endpoint: string,
  timeouts: OidcTimeouts,
) {
  const scopes = session.scopes.length > 0 ? [...session.scopes] : undefined;
  const pkce = kind === "pkce";
  const input = {
    clientName: `aws-sso-sync-${session.name}`,
    clientType: "public",
    scopes: pkce ? (scopes ?? ["sso:account:access"]) : scopes,
    ...(pkce
      ? { grantTypes: PKCE_GRANT_TYPES, redirectUris: [PKCE_REDIRECT_URI], issuerUrl: session.startUrl }
      : {}),
  };
  const call = { operation: "RegisterClient", what: "client registration", endpoint, timeouts };
  const send = (abortSignal: AbortSignal) => client.send(new RegisterClientCommand(input), { abortSignal });
  const out = await callOidc(call, registerClientAnswer, send).catch((err: unknown) => {
    throw wrapOidcError(err, endpoint, "client registration");
  });
  const reg: Registration = {
    clientId: out.clientId,
    clientSecret: out.clientSecret,
    expiresAt: new Date(out.clientSecretExpiresAt * 1000),
  };
  if (input.scopes) reg.scopes = input.scopes;
  if (pkce) reg.grantTypes = PKCE_GRANT_TYPES;
  return reg;
}

export async function writeRegistration(
  session: AuthSession,
  reg: Registration,
  opts: EnvOptions = {},
): Promise<void> {
  const body = {
    clientId: reg.clientId,
    clientSecret: reg.clientSecret,
    expiresAt: isoSeconds(reg.expiresAt),
    scopes: reg.scopes,
    grantTypes: reg.grantTypes,
  };
  await writeCacheFile(registrationCachePath(session, opts), pythonJson(body));
}
