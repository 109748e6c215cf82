// A per-session status record built from the cache files alone (no network, nothing written). Other
// parts (the daemon's state) extend the record; keep it flat and JSON-friendly.
import { loadLegacyUse } from "../state/legacy-use.ts";
import { weWroteLast } from "../state/token-writes.ts";
import { cacheFilePath, isoSeconds } from "./cache-dir.ts";
import { readTokenCache } from "./cache.ts";
import type { RegistrationSource } from "./recover.ts";
import type { TokenWriter } from "./shapes.ts";
import type { LoginReason } from "../errors.ts";
import { decide, refreshBlocker } from "./freshness.ts";
import { readRegistration, registrationCachePath } from "./registration.ts";
import type { AuthSession, EnvOptions } from "./session.ts";

export interface SessionStatus {
  session: string;
  startUrl: string;
  region: string;
  /** valid: usable now; expired: present but past expiresAt; missing: no file; invalid: unusable file. */
  token: "valid" | "expired" | "missing" | "invalid";
  loggedIn: boolean;
  /** Nothing short of `login` gives this session a token: what a sync would decide (freshness.ts). */
  needsLogin: boolean;
  /** Why, when needsLogin: LoginNeededError's reason as a sync would give it. */
  loginReason?: LoginReason;
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
  /** Which tool wrote the token file last, as far as its identity and shape tell (shapes.ts). */
  writtenBy?: TokenWriter;
  /** Set when the token file lacks its registration and we found it elsewhere (recover.ts). */
  registrationFrom?: Exclude<RegistrationSource, "token-file">;
  /** sha1(start URL).json files kept for legacy-form profiles (legacy.ts). */
  legacyFiles?: string[];
}

export interface StatusOptions extends EnvOptions {
  /** The resolved refreshLeadSeconds: the same rule as a sync. */
  refreshLeadSeconds: number;
}

export async function sessionStatus(session: AuthSession, opts: StatusOptions): Promise<SessionStatus> {
  const [read, reg] = await Promise.all([readTokenCache(session, opts), readRegistration(session, opts)]);
  const now = Date.now();
  const d = decide(read, now, { leadSeconds: opts.refreshLeadSeconds });
  const login = d.action === "login" ? { needsLogin: true, loginReason: d.reason } : { needsLogin: false };
  const legacy = (await loadLegacyUse(opts.env ?? process.env))[session.name] ?? [];
  const base = {
    ...(legacy.length ? { legacyFiles: legacy.map((u) => cacheFilePath(u, opts)) } : {}),
    session: session.name,
    startUrl: session.startUrl,
    region: session.region,
    cacheFile: read.file,
    registrationFile: registrationCachePath(session, opts),
    ...(reg ? { registrationFileExpiresAt: isoSeconds(reg.expiresAt) } : {}),
  };
  if (read.state === "missing")
    return { ...base, ...login, token: "missing", loggedIn: false, canRefresh: false };
  if (read.state === "invalid") {
    return {
      ...base,
      ...login,
      token: "invalid",
      loggedIn: false,
      canRefresh: false,
      problem: read.reason,
    };
  }
  const { token } = read;
  const ours = await weWroteLast(read.file, opts.env ?? process.env);
  const writtenBy: TokenWriter = ours ? "aws-sso-sync" : read.shape;
  const from = read.registrationFrom === "token-file" ? {} : { registrationFrom: read.registrationFrom };
  const left = Math.floor((token.expiresAt.getTime() - now) / 1000);
  const blocker = refreshBlocker(token, now);
  return {
    ...base,
    ...login,
    ...from,
    writtenBy,
    token: left > 0 ? "valid" : "expired",
    loggedIn: left > 0,
    expiresAt: isoSeconds(token.expiresAt),
    expiresInSeconds: left,
    canRefresh: blocker === undefined,
    ...(blocker ? { refreshBlocker: blocker.text } : {}),
    ...(token.registrationExpiresAt
      ? { registrationExpiresAt: isoSeconds(token.registrationExpiresAt) }
      : {}),
  };
}
