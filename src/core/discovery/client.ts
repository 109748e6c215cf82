// The portal client for one discovery run: the real SDK client over real HTTP. The endpoint comes from
// the standard configuration (AWS_ENDPOINT_URL_SSO, `[services]`), looked up once by client-settings.ts. maxAttempts 1: call.ts
// owns retries, so the SDK's retry quota cannot run dry and stall a large listing. Every answer is checked
// (answers.ts) before it is used: a wrong one fails the attempt like a 5xx.
import http from "node:http";
import https from "node:https";
import {
  ListAccountRolesCommand,
  ListAccountsCommand,
  SSOClient,
  type SSOClientConfig,
} from "@aws-sdk/client-sso";
import type { ClientSettings } from "../sdk/client-settings.ts";
import { checkListAccountRoles, checkListAccounts, type AccountsAnswer } from "./answers.ts";
import type { Page } from "./paginate.ts";

export type PortalAccount = AccountsAnswer["accountList"][number];

export interface PortalOptions {
  region: string;
  accessToken: string;
  /** max_result, already clamped to 1..100. */
  pageSize: number;
  /** Sockets per host: at least the limiter's maximum concurrency so requests never queue in the agent. */
  maxSockets: number;
  /** Bounds the TCP connect alone. */
  connectTimeoutMs: number;
  /**
   * call.ts gives up on an attempt after this long; the handler then destroys the abandoned request a
   * second later, so a server that never answers holds its socket at most a second past the attempt.
   */
  requestTimeoutMs: number;
  /** The shared settings and endpoint, resolved once (client-settings.ts). */
  settings: ClientSettings;
  /** Extra client settings, for tests only. */
  clientConfig?: Partial<SSOClientConfig> | undefined;
}

export interface Portal {
  accounts(nextToken: string | undefined): Promise<Page<PortalAccount>>;
  roles(accountId: string, nextToken: string | undefined): Promise<Page<string>>;
  /** Ends every request still in flight (their sockets are destroyed) and the client. */
  destroy(): void;
}

const ABANDONED_GRACE_MS = 1000;

export function createPortal(opts: PortalOptions): Portal {
  const agent = { keepAlive: true, maxSockets: opts.maxSockets };
  const client = new SSOClient({
    ...opts.settings,
    region: opts.region,
    maxAttempts: 1,
    // One middleware stack per command type, built once: without it every send builds the whole stack
    // again, the larger part of the SDK's CPU per request (docs/benchmarks.md, findings). The cache only
    // serves a send without options, so no per-request abort signal is passed: call.ts races each attempt
    // against its timeout and the run's end, and destroy() ends what is still in flight.
    cacheMiddleware: true,
    // An options object, not a NodeHttpHandler instance: @smithy/node-http-handler is only a transitive
    // dependency, and the SDK builds its own handler from these options.
    requestHandler: {
      httpAgent: new http.Agent(agent),
      httpsAgent: new https.Agent(agent),
      connectionTimeout: opts.connectTimeoutMs,
      requestTimeout: opts.requestTimeoutMs + ABANDONED_GRACE_MS,
      throwOnRequestTimeout: true,
    },
    ...opts.clientConfig,
  });
  const { accessToken, pageSize: maxResults } = opts;
  return {
    async accounts(nextToken) {
      const out = checkListAccounts(
        await client.send(new ListAccountsCommand({ accessToken, maxResults, nextToken })),
      );
      return { items: out.accountList, nextToken: out.nextToken ?? undefined };
    },
    async roles(accountId, nextToken) {
      const command = new ListAccountRolesCommand({ accessToken, accountId, maxResults, nextToken });
      const out = checkListAccountRoles(await client.send(command), accountId);
      return { items: out.roleList.map((r) => r.roleName), nextToken: out.nextToken ?? undefined };
    },
    destroy: () => client.destroy(),
  };
}
