// The one call the rest of the program makes for a bearer token: the cached token while it has more
// than the lead time left, else a refreshed one, else LoginNeededError saying why.
import { LoginNeededError, NetworkError } from "../errors.ts";
import { log } from "../log/logger.ts";
import { readTokenCache } from "./cache.ts";
import {
  refreshBlocker,
  refreshToken,
  unusableReason,
  type FreshToken,
  type RefreshOptions,
} from "./refresh.ts";
import type { AuthSession } from "./session.ts";

export interface ValidTokenOptions extends Omit<RefreshOptions, "cached"> {
  /** Refresh when fewer seconds than this are left. Default 900, botocore's own refresh window. */
  refreshLeadSeconds?: number;
}

/** Below this a token is treated as expired: a call started now may outlive it. */
const MIN_USABLE_MS = 60_000;

export async function getValidToken(session: AuthSession, opts: ValidTokenOptions = {}): Promise<FreshToken> {
  const lead = (opts.refreshLeadSeconds ?? 900) * 1000;
  const read = await readTokenCache(session, opts);
  if (read.state !== "ok") throw new LoginNeededError(session.name, unusableReason(read));
  const { token } = read;
  const left = token.expiresAt.getTime() - Date.now();
  if (left > lead) return { accessToken: token.accessToken, expiresAt: token.expiresAt };
  const blocker = refreshBlocker(token);
  if (blocker) {
    if (left > MIN_USABLE_MS) return { accessToken: token.accessToken, expiresAt: token.expiresAt };
    throw new LoginNeededError(
      session.name,
      left > 0 ? `token expires now and ${blocker}` : `token expired and ${blocker}`,
    );
  }
  try {
    return await refreshToken(session, { ...opts, cached: read });
  } catch (err) {
    // A token that still works is better than none; the next call will try the refresh again.
    if (left > MIN_USABLE_MS && (err instanceof NetworkError || err instanceof LoginNeededError)) {
      log().warn(`session "${session.name}": token refresh failed, using the cached token until it expires`, {
        reason: err.message,
      });
      return { accessToken: token.accessToken, expiresAt: token.expiresAt };
    }
    throw err;
  }
}
