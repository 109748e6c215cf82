// A token file another tool rewrote without the client registration (ByteNess aws-vault keeps only
// accessToken, expiresAt and maybe refreshToken: docs/internals/token-file-shapes.md 3). Without
// clientId/clientSecret/registrationExpiresAt nobody can refresh, so we fill them in: first from what
// this process last saw complete in that file (the daemon has seen it; kept in memory, never on disk),
// then from the registration cache file the login wrote. A missing refresh token comes from memory only.
import { readRegistration } from "./registration.ts";
import type { AuthSession, EnvOptions } from "./session.ts";

/** The fields a refresh needs besides the access token (CachedToken's subset). */
export interface RefreshFields {
  clientId?: string;
  clientSecret?: string;
  registrationExpiresAt?: Date | undefined;
  refreshToken?: string | undefined;
}

/** Where the registration of a read token came from. */
export type RegistrationSource = "token-file" | "memory" | "registration-file" | "none";

interface Seen {
  clientId: string;
  clientSecret: string;
  registrationExpiresAt?: Date;
  refreshToken?: string;
}

/** Per token file path: the registration and refresh token of its last complete version we saw. */
const seen = new Map<string, Seen>();

export function rememberComplete(file: string, t: RefreshFields): void {
  if (!t.clientId || !t.clientSecret) return;
  const s: Seen = { clientId: t.clientId, clientSecret: t.clientSecret };
  if (t.registrationExpiresAt) s.registrationExpiresAt = t.registrationExpiresAt;
  if (t.refreshToken) s.refreshToken = t.refreshToken;
  seen.set(file, s);
}

/** Fills the missing refresh fields of `token` in place; says where the registration came from. */
export async function recoverRegistration<T extends RefreshFields>(
  session: AuthSession,
  file: string,
  token: T,
  opts: EnvOptions,
): Promise<RegistrationSource> {
  if (token.clientId && token.clientSecret) {
    if (!token.registrationExpiresAt) {
      // botocore will not refresh without it; the registration file knows it for the same client.
      const reg = await readRegistration(session, opts);
      if (reg?.clientId === token.clientId) token.registrationExpiresAt = reg.expiresAt;
    }
    return "token-file";
  }
  const mem = seen.get(file);
  // Memory first: its refresh token was minted for its registration, so the pair works together.
  if (mem && (!token.refreshToken || token.refreshToken === mem.refreshToken)) {
    Object.assign(token, { clientId: mem.clientId, clientSecret: mem.clientSecret });
    if (mem.registrationExpiresAt) token.registrationExpiresAt = mem.registrationExpiresAt;
    if (!token.refreshToken && mem.refreshToken) token.refreshToken = mem.refreshToken;
    return "memory";
  }
  const reg = await readRegistration(session, opts);
  if (!reg) return "none";
  Object.assign(token, { clientId: reg.clientId, clientSecret: reg.clientSecret });
  token.registrationExpiresAt = reg.expiresAt;
  return "registration-file";
}
