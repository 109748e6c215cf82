// The OIDC client for one session. Endpoint selection is left to the SDK (AWS_ENDPOINT_URL_SSO_OIDC,
// [services] sections), so we reach the same endpoint as every other AWS tool on the machine.
import type { SSOOIDCClient } from "@aws-sdk/client-sso-oidc";
import { AppError, NetworkError } from "../errors.ts";
import type { EnvOptions } from "./session.ts";

type EndpointLike = string | URL | { protocol: string; hostname: string; port?: number; path?: string };

function endpointToUrl(e: EndpointLike): string {
  if (typeof e === "string") return e;
  if (e instanceof URL) return e.href;
  const port = e.port ? `:${e.port}` : "";
  // The SDK stores "http://h:p" as path "/": print it as the user wrote it.
  const path = e.path === "/" ? "" : (e.path ?? "");
  return `${e.protocol.replace(/:?$/, ":")}//${e.hostname}${port}${path}`;
}

/** The endpoint the client will call: its explicit one (configured endpoints included), else the default. */
export async function resolveOidcEndpoint(
  client: SSOOIDCClient,
  region: string,
  opts: EnvOptions = {},
): Promise<string> {
  const env = opts.env ?? process.env;
  const explicit = await client.config.endpoint?.();
  if (explicit) return endpointToUrl(explicit as EndpointLike);
  // No serviceConfiguredEndpoint() here: it parses the shared files again, and createOidcClient has
  // already put any configured endpoint into `endpoint` (client-settings.ts).
  return env.AWS_ENDPOINT_URL_SSO_OIDC || env.AWS_ENDPOINT_URL || `https://oidc.${region}.amazonaws.com`;
}

/** PKCE's /authorize is at the root of the OIDC host: any base path is dropped (docs/internals/oidc.md 6). */
export function authorizeBase(endpoint: string): string {
  const u = new URL(endpoint);
  return `${u.protocol}//${u.host}`;
}

const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
  "UND_ERR_CONNECT_TIMEOUT",
]);

/** The OIDC exception name of an SDK error (`AuthorizationPendingException`, …), if it is one. */
export function oidcErrorName(err: unknown): string | undefined {
  if (typeof err !== "object" || err === null || !("$metadata" in err)) return undefined;
  const name = (err as { name?: unknown }).name;
  return typeof name === "string" ? name : undefined;
}

function isNetworkFailure(err: unknown): boolean {
  const e = err as { code?: unknown; name?: unknown } | null;
  if (!e || typeof e !== "object") return false;
  return (
    (typeof e.code === "string" && NETWORK_CODES.has(e.code)) ||
    e.name === "TimeoutError" ||
    e.name === "RequestTimeout"
  );
}

/**
 * Turns an unexpected SDK failure into a typed error. The SDK's own message may quote the request, so
 * only the error's name and code are kept.
 */
export function wrapOidcError(err: unknown, endpoint: string, what: string): AppError {
  if (err instanceof AppError) return err;
  if (isNetworkFailure(err)) {
    const code = (err as { code?: string }).code ?? "timeout";
    return new NetworkError(
      `cannot reach the IAM Identity Center OIDC endpoint ${endpoint} (${code}) during ${what}`,
      {
        hint: "check your network, the session's region, and AWS_ENDPOINT_URL_SSO_OIDC if set",
        cause: err,
      },
    );
  }
  const name = oidcErrorName(err) ?? (err instanceof Error ? err.name : "error");
  const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return new AppError(`${what} failed at ${endpoint}: ${name}${status ? ` (HTTP ${status})` : ""}`, {
    hint: "retry; if it persists, run with --log-level debug",
    cause: err,
  });
}
