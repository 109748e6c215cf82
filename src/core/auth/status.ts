// A per-session status record built from the cache files alone (no network, nothing written). Other
// parts (the daemon's state) extend the record; keep it flat and JSON-friendly.
import { isoSeconds } from "./cache-dir.ts";
import { readTokenCache } from "./cache.ts";
import { refreshBlocker } from "./freshness.ts";
import { readRegistration, registrationCachePath } from "./registration.ts";
import type { AuthSession, EnvOptions } from "./session.ts";

export interface SessionStatus {
  session: string;
  startUrl: string;
  region: string;
  /** valid: usable now; expired: present but past expiresAt; missing: no file; invalid: unusable file. */
  token: "valid" | "expired" | "missing" | "invalid";
  loggedIn: boolean;
  /** Nothing short of `login` gives this session a token (not valid now, and no refresh possible). */
  needsLogin: boolean;
  /** Why the file is unusable (token: "invalid"). */
  problem?: string;
  expiresAt?: string;
  /** Seconds left (negative once expired). */
  expiresInSeconds?: number;
  canRefresh: boolean;
  /** Why a refresh is impossible, when canRefresh is false and a token exists. */
  refreshBlocker?: string;
  cacheFile: string;
  /** The client registration named in the token file. */
  registrationExpiresAt?: string;
  /** The AWS CLI-compatible registration cache file and the expiry of what it holds (if any). */
  registrationFile: string;
  registrationFileExpiresAt?: string;
}

export async function sessionStatus(session: AuthSession, opts: EnvOptions = {}): Promise<SessionStatus> {
  const [read, reg] = await Promise.all([readTokenCache(session, opts), readRegistration(session, opts)]);
  const base = {
    session: session.name,
    startUrl: session.startUrl,
    region: session.region,
    cacheFile: read.file,
    registrationFile: registrationCachePath(session, opts),
    ...(reg ? { registrationFileExpiresAt: isoSeconds(reg.expiresAt) } : {}),
  };
  if (read.state === "missing")
    return { ...base, token: "missing", loggedIn: false, needsLogin: true, canRefresh: false };
  if (read.state === "invalid") {
    return {
      ...base,
      token: "invalid",
      loggedIn: false,
      needsLogin: true,
      canRefresh: false,
      problem: read.reason,
    };
  }
  const { token } = read;
  const left = Math.floor((token.expiresAt.getTime() - Date.now()) / 1000);
  const blocker = refreshBlocker(token);
  return {
    ...base,
    token: left > 0 ? "valid" : "expired",
    loggedIn: left > 0,
    needsLogin: left <= 0 && blocker !== undefined,
    expiresAt: isoSeconds(token.expiresAt),
    expiresInSeconds: left,
    canRefresh: blocker === undefined,
    ...(blocker ? { refreshBlocker: blocker.text } : {}),
    ...(token.registrationExpiresAt
      ? { registrationExpiresAt: isoSeconds(token.registrationExpiresAt) }
      : {}),
  };
}
