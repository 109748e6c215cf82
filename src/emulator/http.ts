// Wire helpers shared by every route: JSON responses, the two AWS error shapes (docs/internals/oidc.md 7,
// docs/internals/portal-api.md 7), request bodies and the context a handler receives.
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

const OIDC_NS = "http://internal.amazon.com/coral/com.amazonaws.sso.oidc/";
const PORTAL_NS = "com.amazonaws.switchboard.portal";

/** Portal errors: header `x-amzn-ErrorType: Name` and body {"message","__type"}. */
export type PortalErrorName =
  | "InvalidRequestException"
  | "UnauthorizedException"
  | "ResourceNotFoundException"
  | "TooManyRequestsException"
  | "InternalServerException";

const PORTAL_STATUS: Record<PortalErrorName, number> = {
  InvalidRequestException: 400,
  UnauthorizedException: 401,
  ResourceNotFoundException: 404,
  TooManyRequestsException: 429,
  InternalServerException: 500,
};

export function portalError(name: PortalErrorName, message: string): Reply {
  return {
    status: PORTAL_STATUS[name],
    headers: { "x-amzn-ErrorType": name },
    body: { message, __type: `${PORTAL_NS}#${name}` },
  };
}

/** OIDC errors: the SDKs learn the exception only from `x-amzn-ErrorType`; the body is OAuth2-shaped. */
const OIDC_ERRORS = {
  AuthorizationPendingException: [400, "authorization_pending"],
  SlowDownException: [400, "slow_down"],
  ExpiredTokenException: [400, "expired_token"],
  InvalidGrantException: [400, "invalid_grant"],
  InvalidClientException: [401, "invalid_client"],
  UnauthorizedClientException: [400, "unauthorized_client"],
  UnsupportedGrantTypeException: [400, "unsupported_grant_type"],
  InvalidScopeException: [400, "invalid_scope"],
  InvalidRequestException: [400, "invalid_request"],
  AccessDeniedException: [400, "access_denied"],
  InvalidClientMetadataException: [400, "invalid_client_metadata"],
  InvalidRedirectUriException: [400, "invalid_redirect_uri"],
  InternalServerException: [500, "server_error"],
} as const;
export type OidcErrorName = keyof typeof OIDC_ERRORS;

export function oidcError(name: OidcErrorName, description: string): Reply {
  const [status, error] = OIDC_ERRORS[name];
  return {
    status,
    headers: { "x-amzn-ErrorType": `${name}:${OIDC_NS}` },
    body: { error, error_description: description },
  };
}

export function ok(body: unknown): Reply {
  return { status: 200, body };
}

export function send(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { "x-amzn-RequestId": randomUUID(), ...reply.headers };
  let payload = "";
  if (reply.body !== undefined) {
    payload = typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body);
    headers["content-type"] ??= "application/json";
  }
  headers["content-length"] = String(Buffer.byteLength(payload));
  res.writeHead(reply.status, headers);
  res.end(payload);
}

/** Bodies are small; cap them so a misbehaving client cannot make the emulator buffer forever. */
export async function readBody(req: IncomingMessage, limit = 1 << 20): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limit) throw new Error("request body too large");
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** JSON object body, parsed whitespace-insensitively (botocore uses `json.dumps` spacing). */
export function parseJsonObject(text: string): Record<string, unknown> | undefined {
  if (text.trim() === "") return {};
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === "object" && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

export function str(v: unknown): string | undefined {
  return typeof v === "string" && v !== "" ? v : undefined;
}

export function strArray(v: unknown): string[] | undefined {
  return Array.isArray(v) && v.every((x) => typeof x === "string") ? (v as string[]) : undefined;
}
