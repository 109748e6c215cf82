// The one call the rest of the program makes for a bearer token: what freshness.ts decides for the
// cached token (use it, refresh it, or LoginNeededError saying why).
import { LoginNeededError, NetworkError } from "../errors.ts";
import { log } from "../log/logger.ts";
import { readTokenCache } from "./cache.ts";
import { writeBackComplete } from "./complete.ts";
import { judge, unusableReason, usableAsIs } from "./freshness.ts";
import { refreshToken, type FreshToken, type RefreshOptions } from "./refresh.ts";
import type { AuthSession } from "./session.ts";

export type ValidTokenOptions = Omit<RefreshOptions, "cached">;

export async function getValidToken(session: AuthSession, opts: ValidTokenOptions): Promise<FreshToken> {
  const policy = { leadSeconds: opts.refreshLeadSeconds };
  const read = await readTokenCache(session, opts);
  if (read.state !== "ok") throw new LoginNeededError(session.name, unusableReason(read));
  const { token } = read;
  const d = judge(token, Date.now(), policy);
  if (d.action === "login") throw new LoginNeededError(session.name, d.reason);
  if (d.action === "use") {
    await writeBackComplete(session, read, opts);
    return { accessToken: token.accessToken, expiresAt: token.expiresAt };
  }
  try {
    const { accessToken, expiresAt } = await refreshToken(session, { ...opts, cached: read });
    return { accessToken, expiresAt };
  } catch (err) {
    // A token that still works is better than none; the next call will try the refresh again.
    if (
      usableAsIs(token, Date.now(), policy) &&
      (err instanceof NetworkError || err instanceof LoginNeededError)
    ) {
      log().warn("token refresh failed", {
        session: session.name,
        error: err.message,
        effect: "using the cached token until it expires",
      });
      return { accessToken: token.accessToken, expiresAt: token.expiresAt };
    }
    throw err;
  }
}
