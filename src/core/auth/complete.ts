// A token file that lost its registration (recover.ts) is written back complete as soon as we use it, not
// only at the next refresh: botocore and the JS SDK can then refresh it themselves, and a daemon keeps
// every tool logged in through it (docs/internals/token-file-shapes.md 3).
import { log } from "../log/logger.ts";
import { writeTokenCache, type TokenCacheRead } from "./cache.ts";
import { describeWriter } from "./shapes.ts";
import type { AuthSession, EnvOptions } from "./session.ts";

type OkRead = Extract<TokenCacheRead, { state: "ok" }>;

/** True when it wrote: the file holds our complete token again. */
export async function writeBackComplete(
  session: AuthSession,
  read: OkRead,
  opts: EnvOptions,
): Promise<boolean> {
  const from = read.registrationFrom;
  const t = read.token;
  if (from === "token-file" || from === "none" || !t.clientId || !t.clientSecret) return false;
  await writeTokenCache(
    session,
    {
      accessToken: t.accessToken,
      expiresAt: t.expiresAt,
      clientId: t.clientId,
      clientSecret: t.clientSecret,
      ...(t.registrationExpiresAt ? { registrationExpiresAt: t.registrationExpiresAt } : {}),
      ...(t.refreshToken ? { refreshToken: t.refreshToken } : {}),
    },
    { ...opts, keep: read.raw },
  );
  const source =
    from === "memory" ? "the last complete file this process saw" : "the registration cache file";
  log().info("client registration restored", {
    session: session.name,
    file: read.file,
    writer: describeWriter(read.shape),
    from: source,
    effect: "every tool can refresh the token again",
  });
  return true;
}
