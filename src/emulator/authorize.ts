// The browser legs. GET /authorize (PKCE, docs/internals/oidc.md 6) acts as an already signed-in user who
// approves at once, answering 302 to redirect_uri?code=…&state=…. GET /device/ is the device-flow
// verification page: opening verificationUriComplete approves that user code.
import { randomBytes } from "node:crypto";
import type { Ctx } from "./context.ts";
import { oidcError, type Reply } from "./http.ts";

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);
const CODE_TTL_MS = 10 * 60 * 1000;

function redirect(target: URL, params: Record<string, string | null>): Reply {
  for (const [k, v] of Object.entries(params)) if (v !== null) target.searchParams.set(k, v);
  return { status: 302, headers: { location: target.toString() } };
}

/** RFC 8252 loopback rule: scheme, host and path must match a registered URI; the port may differ. */
function redirectAllowed(uri: URL, registered: string[]): boolean {
  if (uri.protocol !== "http:" || !LOOPBACK.has(uri.hostname)) return false;
  if (registered.length === 0) return true;
  return registered.some((r) => {
    if (!URL.canParse(r)) return false;
    const u = new URL(r);
    return u.protocol === uri.protocol && u.hostname === uri.hostname && u.pathname === uri.pathname;
  });
}

export function authorize(query: URLSearchParams, ctx: Ctx): Reply {
  ctx.counters.op("Authorize");
  const client = ctx.store.clients.get(query.get("client_id") ?? "");
  if (!client || client.expiresAt * 1000 <= Date.now()) {
    return oidcError("InvalidClientException", "Invalid client provided");
  }
  const raw = query.get("redirect_uri") ?? "";
  const target = URL.canParse(raw) ? new URL(raw) : undefined;
  // Errors about the client or redirect target must not redirect (we cannot trust the target).
  if (!target || !redirectAllowed(target, client.redirectUris)) {
    return oidcError("InvalidRedirectUriException", "Invalid redirect URI");
  }
  const state = query.get("state");
  if (query.get("response_type") !== "code") {
    return redirect(target, { error: "unsupported_response_type", state });
  }
  const challenge = query.get("code_challenge");
  if (!challenge || query.get("code_challenge_method") !== "S256" || !/^[A-Za-z0-9_-]{43}$/.test(challenge)) {
    return redirect(target, { error: "invalid_request", state });
  }
  if (client.grantTypes.length > 0 && !client.grantTypes.includes("authorization_code")) {
    return redirect(target, { error: "unauthorized_client", state });
  }
  const scopes = (query.get("scopes") ?? "").split(" ").filter(Boolean);
  if (client.scopes.length > 0 && scopes.some((s) => !client.scopes.includes(s))) {
    return redirect(target, { error: "invalid_scope", state });
  }
  if (ctx.opts.approval === "deny") return redirect(target, { error: "access_denied", state });
  const code = randomBytes(32).toString("base64url");
  ctx.store.codes.set(code, {
    clientId: client.clientId,
    redirectUri: raw,
    challenge,
    expiresAt: Date.now() + CODE_TTL_MS,
  });
  return redirect(target, { code, state });
}

export function devicePage(query: URLSearchParams, ctx: Ctx): Reply {
  const html = (text: string): Reply => ({
    status: 200,
    headers: { "content-type": "text/html; charset=utf-8" },
    body: `<!doctype html><title>Emulator sign-in</title><p>${text}</p>`,
  });
  const code = query.get("user_code");
  if (!code) return html("Enter the code shown by your tool (append ?user_code=XXXX-XXXX).");
  const verdict = ctx.opts.approval === "deny" ? "denied" : "approved";
  const n = ctx.store.decide(verdict, code);
  return html(n > 0 ? `Request ${verdict}. You can close this window.` : "Unknown or already used code.");
}
