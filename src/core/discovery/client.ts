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
  /** The per-attempt timeout is call.ts's abort; this one bounds the TCP connect alone. */
  connectTimeoutMs: number;
  /** The shared settings and endpoint, resolved once (client-settings.ts). */
  settings: ClientSettings;
  /** Extra client settings, for tests only. */
  clientConfig?: Partial<SSOClientConfig> | undefined;
}

export interface Portal {
  accounts(nextToken: string | undefined, abortSignal: AbortSignal): Promise<Page<PortalAccount>>;
  roles(accountId: string, nextToken: string | undefined, abortSignal: AbortSignal): Promise<Page<string>>;
  destroy(): void;
}

export function createPortal(opts: PortalOptions): Portal {
  const agent = { keepAlive: true, maxSockets: opts.maxSockets };
  const client = new SSOClient({
    ...opts.settings,
    region: opts.region,
    maxAttempts: 1,
    // An options object, not a NodeHttpHandler instance: @smithy/node-http-handler is only a transitive
    // dependency, and the SDK builds its own handler from these options.
    requestHandler: {
      httpAgent: new http.Agent(agent),
      httpsAgent: new https.Agent(agent),
      connectionTimeout: opts.connectTimeoutMs,
    },
    ...opts.clientConfig,
  });
  const { accessToken, pageSize: maxResults } = opts;
  return {
    async accounts(nextToken, abortSignal) {
      const answer = await client.send(new ListAccountsCommand({ accessToken, maxResults, nextToken }), {
        abortSignal,
      });
      const out = checkListAccounts(answer);
      return { items: out.accountList, nextToken: out.nextToken ?? undefined };
    },
    async roles(accountId, nextToken, abortSignal) {
      const command = new ListAccountRolesCommand({ accessToken, accountId, maxResults, nextToken });
      const out = checkListAccountRoles(await client.send(command, { abortSignal }), accountId);
      return { items: out.roleList.map((r) => r.roleName), nextToken: out.nextToken ?? undefined };
    },
    destroy: () => client.destroy(),
  };
}
