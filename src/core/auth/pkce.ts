// The authorization-code flow with PKCE, as AWS CLI ≥ 2.22 does it (docs/internals/oidc.md 6): a 64-character
// verifier, an S256 challenge, a UUID state, /authorize at the root of the OIDC host with `scopes`, and
// CreateToken with the redirect URI including the callback server's port.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { CreateTokenCommand, type SSOOIDCClient } from "@aws-sdk/client-sso-oidc";
import { registerSecret } from "../log/redact.ts";
import { startCallbackServer } from "./callback-server.ts";
import { LoginFailedError, throwIfAborted, type FlowRun, type TokenGrant } from "./flow.ts";
import { createTokenAnswer } from "./answers.ts";
import { authorizeBase, wrapOidcError } from "./oidc.ts";
import { callOidc } from "./oidc-call.ts";
import type { Registration } from "./registration.ts";
import type { AuthSession } from "./session.ts";

const VERIFIER_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

export function createVerifier(): string {
  // 66 characters and 256 byte values: bytes ≥ 198 are rejected to keep the draw uniform.
  let out = "";
  while (out.length < 64) {
    for (const b of randomBytes(96)) if (b < 198 && out.length < 64) out += VERIFIER_CHARS[b % 66];
  }
  return out;
}

export function challengeFor(verifier: string): string {
  return createHash("sha256").update(verifier).digest("base64url");
}

export function authorizeUrl(p: {
  endpoint: string;
  clientId: string;
  redirectUri: string;
  state: string;
  challenge: string;
  scopes: readonly string[];
}): string {
  const q = new URLSearchParams({
    response_type: "code",
    client_id: p.clientId,
    redirect_uri: p.redirectUri,
    state: p.state,
    code_challenge_method: "S256",
    scopes: (p.scopes.length > 0 ? p.scopes : ["sso:account:access"]).join(" "),
    code_challenge: p.challenge,
  });
  // URLSearchParams writes spaces as "+"; the CLI (urlencode quote_via=quote) writes %20.
  return `${authorizeBase(p.endpoint)}/authorize?${q.toString().replace(/\+/g, "%20")}`;
}

export interface PkceOptions {
  /** How long the loopback server waits for the browser. Default 10 min. */
  callbackTimeoutMs?: number;
}

export async function runPkceFlow(
  client: SSOOIDCClient,
  session: AuthSession,
  reg: Registration,
  endpoint: string,
  io: FlowRun & PkceOptions,
): Promise<TokenGrant> {
  const verifier = createVerifier();
  registerSecret(verifier);
  const state = randomUUID();
  const server = await startCallbackServer({
    state,
    timeoutMs: io.callbackTimeoutMs ?? 600_000,
    ...(io.signal ? { signal: io.signal } : {}),
  });
  try {
    const url = authorizeUrl({
      endpoint,
      clientId: reg.clientId,
      redirectUri: server.redirectUri,
      state,
      challenge: challengeFor(verifier),
      scopes: session.scopes,
    });
    io.say(`To sign in to "${session.name}", open this URL in a browser on this machine:`);
    io.say(`  ${url}`);
    if (io.openBrowser) await io.openBrowser(url);
    io.say("Waiting for the browser to complete the sign-in (Ctrl-C to cancel)…");
    // The server settles only on a callback carrying our state; any other was answered 400 and ignored.
    const res = await server.result;
    if ("error" in res) {
      const denied = res.error === "access_denied";
      throw new LoginFailedError(
        denied ? "the sign-in request was denied" : `the sign-in failed (${res.error})`,
        "run login again, or use --device-code",
      );
    }
    registerSecret(res.code);
    throwIfAborted(io.signal);
    const input = {
      clientId: reg.clientId,
      clientSecret: reg.clientSecret,
      grantType: "authorization_code",
      redirectUri: server.redirectUri,
      codeVerifier: verifier,
      code: res.code,
    };
    const call = {
      operation: "CreateToken",
      what: "token request",
      endpoint,
      timeouts: io.timeouts,
      signal: io.signal,
    };
    const send = (abortSignal: AbortSignal) => client.send(new CreateTokenCommand(input), { abortSignal });
    const out = await callOidc(call, createTokenAnswer, send).catch((err: unknown) => {
      throwIfAborted(io.signal);
      throw wrapOidcError(err, endpoint, "token request");
    });
    return {
      accessToken: out.accessToken,
      expiresIn: out.expiresIn,
      ...(out.refreshToken ? { refreshToken: out.refreshToken } : {}),
    };
  } finally {
    await server.close();
  }
}
