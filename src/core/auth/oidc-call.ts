// One OIDC operation under two limits: the SDK's per-attempt limits (requestTimeout, connectionTimeout,
// set on the client) and an overall deadline on all its attempts (an abort signal). A hung endpoint thus
// costs at most the deadline, and what comes back is checked before it is believed (answers.ts).
import { SSOOIDCClient } from "@aws-sdk/client-sso-oidc";
import type { z } from "zod";
import { checkAnswer } from "../answer-shape.ts";
import { NetworkError } from "../errors.ts";
import { registerSecret } from "../log/redact.ts";
import type { Env } from "../paths.ts";
import { clientSettings } from "../sdk/client-settings.ts";

const SECRET_MEMBERS = ["accessToken", "refreshToken", "idToken", "clientSecret", "deviceCode"] as const;

export interface OidcTimeouts {
  /** One HTTP attempt, connect to last byte. */
  requestMs: number;
  connectMs: number;
  /** Every attempt of one operation together (the SDK retries timeouts and 5xx up to 3 times). */
  deadlineMs: number;
}

/** The config's `timeouts` section in the units used here. */
export function oidcTimeouts(t: {
  requestSeconds: number;
  connectSeconds: number;
  oidcDeadlineSeconds: number;
}): OidcTimeouts {
  return {
    requestMs: t.requestSeconds * 1000,
    connectMs: t.connectSeconds * 1000,
    deadlineMs: t.oidcDeadlineSeconds * 1000,
  };
}

/** The endpoint and other shared settings are looked up once for the client (client-settings.ts). */
export async function createOidcClient(
  region: string,
  timeouts: OidcTimeouts,
  env: Env = process.env,
): Promise<SSOOIDCClient> {
  return new SSOOIDCClient({
    ...(await clientSettings("SSO OIDC", env)),
    region,
    // Without throwOnRequestTimeout the SDK only logs a warning when requestTimeout passes.
    requestHandler: {
      requestTimeout: timeouts.requestMs,
      connectionTimeout: timeouts.connectMs,
      throwOnRequestTimeout: true,
    },
  });
}

const HINT =
  "the OIDC endpoint answered success without the data; if it persists, check AWS_ENDPOINT_URL_SSO_OIDC and any proxy in between";

export interface OidcCall {
  /** Operation name, as in the API reference (CreateToken). */
  operation: string;
  /** What the user was doing, for messages ("token refresh"). */
  what: string;
  endpoint: string;
  timeouts: OidcTimeouts;
  /** The caller's cancel (Ctrl-C): its abort is passed through untouched. */
  signal?: AbortSignal | undefined;
}

/**
 * Sends with the deadline and checks the answer. Service errors are rethrown as they are (callers read
 * their names); the deadline and timed-out attempts become NetworkError, a wrong answer
 * UnexpectedAnswerError.
 */
export async function callOidc<S extends z.ZodType>(
  call: OidcCall,
  schema: S,
  send: (abortSignal: AbortSignal) => Promise<unknown>,
): Promise<z.output<S>> {
  const deadline = AbortSignal.timeout(call.timeouts.deadlineMs);
  const signal = call.signal ? AbortSignal.any([call.signal, deadline]) : deadline;
  let answer: unknown;
  try {
    answer = await send(signal);
  } catch (err) {
    if (call.signal?.aborted) throw err;
    const silent = `no answer from the IAM Identity Center OIDC endpoint ${call.endpoint}`;
    const { deadlineMs, requestMs } = call.timeouts;
    if (deadline.aborted) {
      throw new NetworkError(`${silent} within ${deadlineMs / 1000} s during ${call.what}`, {
        hint: "check your network and the endpoint; timeouts.oidcDeadlineSeconds sets this limit",
        cause: err,
      });
    }
    // The SDK gave up after its own retries, each attempt cut at requestTimeout.
    const e = err as { name?: unknown; code?: unknown } | null;
    if (e?.name === "TimeoutError" || e?.code === "ETIMEDOUT") {
      throw new NetworkError(
        `${silent} during ${call.what} (every attempt timed out after ${requestMs / 1000} s)`,
        {
          hint: "check your network and the endpoint; timeouts.requestSeconds and connectSeconds set these limits",
          cause: err,
        },
      );
    }
    throw err;
  }
  // Registered before the check, so even a half-right answer cannot put a secret in a log line.
  const members = (typeof answer === "object" && answer !== null ? answer : {}) as Record<string, unknown>;
  for (const k of SECRET_MEMBERS) if (typeof members[k] === "string") registerSecret(members[k]);
  return checkAnswer(call.operation, schema, answer, HINT);
}
