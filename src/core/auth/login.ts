// `login` for one session: reuse a good cached token (or refresh it), else run the chosen flow with a
// reusable registration, and only then write the registration and token files. A failed or cancelled
// login leaves every cache file as it was.
import { LoginNeededError, NetworkError } from "../errors.ts";
import { log } from "../log/logger.ts";
import { readTokenCache, writeTokenCache } from "./cache.ts";
import { runDeviceFlow } from "./device.ts";
import type { FlowIo } from "./flow.ts";
import { resolveOidcEndpoint } from "./oidc.ts";
import { createOidcClient, type OidcTimeouts } from "./oidc-call.ts";
import { runPkceFlow, type PkceOptions } from "./pkce.ts";
import { judge } from "./freshness.ts";
import { refreshToken } from "./refresh.ts";
import {
  readRegistration,
  registerClient,
  registrationUsable,
  writeRegistration,
  type FlowKind,
} from "./registration.ts";
import type { AuthSession, EnvOptions } from "./session.ts";

export interface LoginOptions extends EnvOptions, PkceOptions {
  flow: FlowKind;
  /** The resolved refreshLeadSeconds: "already logged in" means sync would use the token as it is. */
  refreshLeadSeconds: number;
  /** Per-attempt limits and the deadline of each OIDC call: the config's resolved `timeouts`. */
  timeouts: OidcTimeouts;
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
    // The rule of every sync (freshness.ts). A token that is only usable because it cannot be refreshed
    // gets a new sign-in: that is what `login` is for.
    const d = judge(read.token, Date.now(), { leadSeconds: opts.refreshLeadSeconds });
    if (d.action === "use" && d.reason === "fresh")
      return { action: "reused", expiresAt: read.token.expiresAt, file: read.file };
    if (d.action === "refresh") {
      try {
        const fresh = await refreshToken(session, { ...opts, cached: read });
        return { action: "refreshed", expiresAt: fresh.expiresAt, file: read.file };
      } catch (err) {
        // A refresh grant that is refused or hangs need not stop a sign-in, which uses other grants.
        if (!(err instanceof LoginNeededError || err instanceof NetworkError)) throw err;
        opts.io.say(`The cached token could not be refreshed (${err.message}); starting a new sign-in.`);
      }
    }
  }
  if (read.state === "invalid") {
    opts.io.say(
      `Note: ${read.file} is unusable (${read.reason}); it is replaced only if this sign-in succeeds.`,
    );
  }

  const { timeouts } = opts;
  const client = await createOidcClient(session.region, timeouts, opts.env);
  try {
    const endpoint = await resolveOidcEndpoint(client, session.region, opts);
    const cachedReg = await readRegistration(session, opts);
    const reuse = cachedReg !== undefined && registrationUsable(cachedReg, opts.flow);
    const reg = reuse ? cachedReg : await registerClient(client, session, opts.flow, endpoint, timeouts);
    log().debug(reuse ? "client registration reused" : "client registered", {
      session: session.name,
      flow: opts.flow,
      endpoint,
      registrationExpiresAt: reg.expiresAt.toISOString(),
    });
    const io = {
      ...opts.io,
      timeouts,
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
