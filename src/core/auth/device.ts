// The device-authorization flow (docs/internals/oidc.md 3-5), polling like the AWS CLI: honour `interval`,
// add 5 s on slow_down, and stop on expired_token or access_denied. The server decides when the code expires;
// a client-side deadline (expiresIn plus a grace period) only guards against a server that never says so.
import {
  CreateTokenCommand,
  StartDeviceAuthorizationCommand,
  type SSOOIDCClient,
} from "@aws-sdk/client-sso-oidc";
import { log } from "../log/logger.ts";
import { createTokenAnswer, startDeviceAuthorizationAnswer } from "./answers.ts";
import { LoginFailedError, sleep, throwIfAborted, type FlowRun, type TokenGrant } from "./flow.ts";
import { oidcErrorName, wrapOidcError } from "./oidc.ts";
import { callOidc } from "./oidc-call.ts";
import type { Registration } from "./registration.ts";
import type { AuthSession } from "./session.ts";

const DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
const GRACE_MS = 30_000;

const expired = () =>
  new LoginFailedError(
    "the device code expired before the sign-in was approved",
    "run login again and approve it in time",
  );
const denied = () =>
  new LoginFailedError("the sign-in request was denied", "run login again and choose Allow in the browser");

export async function runDeviceFlow(
  client: SSOOIDCClient,
  session: AuthSession,
  reg: Registration,
  endpoint: string,
  io: FlowRun,
): Promise<TokenGrant> {
  const { timeouts } = io;
  const call = (operation: string, what: string) => ({
    operation,
    what,
    endpoint,
    timeouts,
    signal: io.signal,
  });
  const start = new StartDeviceAuthorizationCommand({
    clientId: reg.clientId,
    clientSecret: reg.clientSecret,
    startUrl: session.startUrl,
  });
  const auth = await callOidc(
    call("StartDeviceAuthorization", "device authorization"),
    startDeviceAuthorizationAnswer,
    (abortSignal) => client.send(start, { abortSignal }),
  ).catch((err: unknown) => {
    throwIfAborted(io.signal);
    throw wrapOidcError(err, endpoint, "device authorization");
  });
  const url = auth.verificationUriComplete ?? auth.verificationUri ?? "";
  const expiresIn = auth.expiresIn;
  io.say(`To sign in to "${session.name}", open this URL and confirm the code ${auth.userCode}:`);
  io.say(`  ${url}`);
  if (io.openBrowser && url) await io.openBrowser(url);
  io.say(`Waiting for approval (the code expires in ${Math.round(expiresIn / 60)} min; Ctrl-C to cancel)…`);

  let interval = auth.interval ?? 5;
  const deadline = Date.now() + expiresIn * 1000 + GRACE_MS;
  const input = {
    clientId: reg.clientId,
    clientSecret: reg.clientSecret,
    grantType: DEVICE_GRANT,
    deviceCode: auth.deviceCode,
  };
  for (;;) {
    throwIfAborted(io.signal);
    try {
      const poll = (abortSignal: AbortSignal) => client.send(new CreateTokenCommand(input), { abortSignal });
      const out = await callOidc(call("CreateToken", "token request"), createTokenAnswer, poll);
      return {
        accessToken: out.accessToken,
        expiresIn: out.expiresIn,
        ...(out.refreshToken ? { refreshToken: out.refreshToken } : {}),
      };
    } catch (err) {
      throwIfAborted(io.signal);
      const name = oidcErrorName(err);
      if (name === "SlowDownException") {
        interval += 5;
        log().debug("device polling slowed down", { interval });
      } else if (name === "ExpiredTokenException") throw expired();
      else if (name === "AccessDeniedException") throw denied();
      else if (name !== "AuthorizationPendingException") throw wrapOidcError(err, endpoint, "token request");
    }
    if (Date.now() > deadline) throw expired();
    await (io.sleep ?? sleep)(interval * 1000, io.signal);
  }
}
