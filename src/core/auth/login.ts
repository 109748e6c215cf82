// `login` for one session: reuse a good cached token (or refresh it), else run the chosen flow with a
// reusable registration, and only then write the registration and token files. A failed or cancelled
// login leaves every cache file as it was.
import { LoginNeededError } from "../errors.ts";
import { log } from "../log/logger.ts";
import { readTokenCache, writeTokenCache } from "./cache.ts";
import { runDeviceFlow } from "./device.ts";
import type { FlowIo } from "./flow.ts";
import { createOidcClient, resolveOidcEndpoint } from "./oidc.ts";
import { runPkceFlow, type PkceOptions } from "./pkce.ts";
import { refreshBlocker, refreshToken } from "./refresh.ts";
import {
  readRegistration,
  registerClient,
  registrationUsable,
  writeRegistration,
  type FlowKind,
} from "./registration.ts";
import type { AuthSession, EnvOptions } from "./session.ts";

/** A cached token with at least this much left counts as "already logged in". */
const REUSE_MIN_MS = 15 * 60 * 1000;

export interface LoginOptions extends EnvOptions, PkceOptions {
  flow: FlowKind;
  /** Start a new flow even when a good token is cached. */
  force?: boolean;
  io: FlowIo;
}

export interface LoginResult {
  /** reused: the cached token was good; refreshed: renewed with its refresh token; new: a flow ran. */
  action: "reused" | "refreshed" | "new";
  expiresAt: Date;
  file: string;
  flow?: FlowKind;
}

export async function login(session: AuthSession, opts: LoginOptions): Promise<LoginResult> {
  const read = await readTokenCache(session, opts);
  if (read.state === "ok" && !opts.force) {
    const left = read.token.expiresAt.getTime() - Date.now();
    if (left >= REUSE_MIN_MS) return { action: "reused", expiresAt: read.token.expiresAt, file: read.file };
    if (!refreshBlocker(read.token)) {
      try {
        const fresh = await refreshToken(session, { ...opts, cached: read });
        return { action: "refreshed", expiresAt: fresh.expiresAt, file: read.file };
      } catch (err) {
        if (!(err instanceof LoginNeededError)) throw err;
        opts.io.say(`The cached token could not be refreshed (${err.message}); starting a new sign-in.`);
      }
    }
  }
  if (read.state === "invalid") {
    opts.io.say(
      `Note: ${read.file} is unusable (${read.reason}); it is replaced only if this sign-in succeeds.`,
    );
  }

  const client = createOidcClient(session);
  try {
    const endpoint = await resolveOidcEndpoint(client, session.region, opts);
    const cachedReg = await readRegistration(session, opts);
    const reuse = cachedReg !== undefined && registrationUsable(cachedReg, opts.flow);
    const reg = reuse ? cachedReg : await registerClient(client, session, opts.flow, endpoint);
    log().debug(reuse ? "reusing the cached client registration" : "registered a new client", {
      session: session.name,
      flow: opts.flow,
      endpoint,
      registrationExpiresAt: reg.expiresAt.toISOString(),
    });
    const io = {
      ...opts.io,
      ...(opts.callbackTimeoutMs === undefined ? {} : { callbackTimeoutMs: opts.callbackTimeoutMs }),
    };
    const grant =
      opts.flow === "pkce"
        ? await runPkceFlow(client, session, reg, endpoint, io)
        : await runDeviceFlow(client, session, reg, endpoint, io);
    if (!reuse) await writeRegistration(session, reg, opts);
    const expiresAt = new Date(Date.now() + grant.expiresIn * 1000);
    const file = await writeTokenCache(
      session,
      {
        accessToken: grant.accessToken,
        expiresAt,
        clientId: reg.clientId,
        clientSecret: reg.clientSecret,
        registrationExpiresAt: reg.expiresAt,
        ...(grant.refreshToken ? { refreshToken: grant.refreshToken } : {}),
      },
      opts,
    );
    return { action: "new", expiresAt, file, flow: opts.flow };
  } finally {
    client.destroy();
  }
}
