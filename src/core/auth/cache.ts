// The token file shared with the AWS CLI, botocore and the JS SDK: ~/.aws/sso/cache/<sha1(session)>.json
// (docs/internals/token-cache.md 1-2). Reading never modifies it; a corrupt or foreign file is reported, not
// repaired.
import { registerSecret } from "../log/redact.ts";
import { recordTokenWrite } from "../state/token-writes.ts";
import { pythonJson } from "./pyjson.ts";
import { cacheFilePath, isoSeconds, parseTimestamp, readCacheFile, writeCacheFile } from "./cache-dir.ts";
import { mirrorLegacy } from "./legacy.ts";
import { recoverRegistration, rememberComplete, type RegistrationSource } from "./recover.ts";
import { tokenShape, type TokenShape } from "./shapes.ts";
import type { AuthSession, EnvOptions } from "./session.ts";

export interface CachedToken {
  startUrl?: string;
  region?: string;
  accessToken: string;
  expiresAt: Date;
  clientId?: string;
  clientSecret?: string;
  registrationExpiresAt?: Date;
  refreshToken?: string;
}

export type TokenCacheRead =
  | { state: "missing"; file: string }
  /** Not JSON, missing accessToken/expiresAt, unusable timestamp, or made for another start URL. */
  | { state: "invalid"; file: string; reason: string }
  /**
   * `raw` keeps every field of the file so a rewrite can preserve fields we do not know; `shape` tells who
   * wrote it; `registrationFrom` where the registration came from when the file lacked it (recover.ts).
   */
  | {
      state: "ok";
      file: string;
      token: CachedToken;
      raw: Record<string, unknown>;
      shape: TokenShape;
      registrationFrom: RegistrationSource;
    };

export function tokenCachePath(session: Pick<AuthSession, "name">, opts: EnvOptions = {}): string {
  return cacheFilePath(session.name, opts);
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);
const trimSlash = (u: string): string => u.replace(/\/+$/, "");

export async function readTokenCache(session: AuthSession, opts: EnvOptions = {}): Promise<TokenCacheRead> {
  const file = tokenCachePath(session, opts);
  const read = await readCacheFile(file);
  if (read.kind === "missing") return { state: "missing", file };
  if (read.kind === "unreadable") return { state: "invalid", file, reason: read.reason };
  const raw = read.value;
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    return { state: "invalid", file, reason: "not a JSON object" };
  }
  const o = raw as Record<string, unknown>;
  for (const key of ["accessToken", "refreshToken", "clientSecret"]) registerSecret(str(o[key]));
  const accessToken = str(o.accessToken);
  if (!accessToken) return { state: "invalid", file, reason: "no accessToken field" };
  const expiresAt = parseTimestamp(o.expiresAt);
  if (!expiresAt)
    return { state: "invalid", file, reason: "missing or unusable expiresAt (needs a UTC timestamp)" };
  const startUrl = str(o.startUrl);
  if (startUrl !== undefined && trimSlash(startUrl) !== trimSlash(session.startUrl)) {
    return { state: "invalid", file, reason: `token belongs to another start URL (${startUrl})` };
  }
  const token: CachedToken = { accessToken, expiresAt };
  const optional = {
    startUrl,
    region: str(o.region),
    clientId: str(o.clientId),
    clientSecret: str(o.clientSecret),
  };
  for (const [k, v] of Object.entries(optional)) if (v !== undefined) Object.assign(token, { [k]: v });
  const refreshToken = str(o.refreshToken);
  if (refreshToken) token.refreshToken = refreshToken;
  const regExp = parseTimestamp(o.registrationExpiresAt);
  if (regExp) token.registrationExpiresAt = regExp;
  const registrationFrom = await recoverRegistration(session, file, token, opts);
  if (registrationFrom === "token-file") rememberComplete(file, token);
  return { state: "ok", file, token, raw: o, shape: tokenShape(read.text, o), registrationFrom };
}

export interface TokenToWrite {
  accessToken: string;
  expiresAt: Date;
  clientId: string;
  clientSecret: string;
  /** Optional only because a refreshed file written by another tool may lack it. */
  registrationExpiresAt?: Date;
  refreshToken?: string | undefined;
}

/**
 * Writes the token file in the AWS CLI's field order and layout. `keep` carries fields of an existing
 * file (a refresh keeps what other tools stored); a fresh login passes nothing and starts clean.
 */
export async function writeTokenCache(
  session: AuthSession,
  token: TokenToWrite,
  opts: EnvOptions & { keep?: Record<string, unknown> } = {},
): Promise<string> {
  const file = tokenCachePath(session, opts);
  const known = {
    startUrl: session.startUrl,
    region: session.region,
    accessToken: token.accessToken,
    expiresAt: isoSeconds(token.expiresAt),
    clientId: token.clientId,
    clientSecret: token.clientSecret,
    registrationExpiresAt: token.registrationExpiresAt && isoSeconds(token.registrationExpiresAt),
    refreshToken: token.refreshToken,
  };
  const extra = Object.fromEntries(Object.entries(opts.keep ?? {}).filter(([k]) => !(k in known)));
  // Unknown fields may hold anything JSON; pythonJson only needs them to be JSON values.
  const text = pythonJson({ ...known, ...(extra as Record<string, never>) });
  await writeCacheFile(file, text);
  rememberComplete(file, token);
  const env = opts.env ?? process.env;
  await recordTokenWrite(file, env);
  await mirrorLegacy(session, text, opts);
  return file;
}
