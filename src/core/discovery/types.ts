// The public shapes of discovery (options, input, stats), kept apart from the run itself.
import type { SSOClientConfig } from "@aws-sdk/client-sso";
import type { Config } from "../config/index.ts";
import type { Env } from "../paths.ts";
import type { DiscoveryFilters } from "./filters.ts";
import type { DiscoveryProgress } from "./progress.ts";

export interface DiscoveryInput {
  session: string;
  /** The Identity Center region (sso_region); the endpoint itself comes from the SDK's configuration. */
  ssoRegion: string;
  accessToken: string;
}

/**
 * How one discovery runs. The tuning fields are required: their defaults live in the config schema only
 * (discovery.*, timeouts.*), and `discoveryTuning(config)` turns a resolved config into them.
 */
export interface DiscoveryOptions {
  /** Initial concurrency window; it adapts between 2 and maxConcurrency. */
  concurrency: number;
  maxConcurrency: number;
  /** max_result for both operations, clamped to 1..100. */
  pageSize: number;
  /** Overall deadline for the session; exceeding it fails the run. */
  deadlineMs: number;
  /** Attempts per request, the first included. */
  maxAttempts: number;
  /** Per-request timeout; a timeout is retried like a 5xx. */
  requestTimeoutMs: number;
  /** Time limit for opening a connection; part of the request's own timeout too. */
  connectTimeoutMs: number;
  /**
   * Share of the portal's rate to use (default 1). Below 1 (the daemon's background runs) the run stays at
   * that share of the rate learned earlier in this process, and backs off on throttling it did not cause.
   */
  share?: number;
  filters?: DiscoveryFilters;
  onProgress?: (p: DiscoveryProgress) => void;
  /** Cancels the run (daemon shutdown); it then fails with DiscoveryError. */
  signal?: AbortSignal;
  /** Where the endpoint and shared settings are looked up (default process.env). */
  env?: Env;
  /** Extra SSO client settings, for tests only. */
  clientConfig?: Partial<SSOClientConfig>;
}

export type DiscoveryTuning = Pick<
  DiscoveryOptions,
  | "concurrency"
  | "maxConcurrency"
  | "pageSize"
  | "deadlineMs"
  | "maxAttempts"
  | "requestTimeoutMs"
  | "connectTimeoutMs"
>;

/** The resolved config's discovery and network settings, in the units discovery works in. */
export function discoveryTuning(config: Pick<Config, "discovery" | "timeouts">): DiscoveryTuning {
  const { discovery: d, timeouts: t } = config;
  return {
    concurrency: d.concurrency,
    maxConcurrency: d.maxConcurrency,
    pageSize: d.pageSize,
    deadlineMs: d.deadlineSeconds * 1000,
    maxAttempts: d.maxAttempts,
    requestTimeoutMs: t.requestSeconds * 1000,
    connectTimeoutMs: t.connectSeconds * 1000,
  };
}

export interface DiscoveryStats {
  /** HTTP requests sent, retries included. */
  requests: number;
  retries: number;
  /** Requests answered 429. */
  throttled: number;
  elapsedMs: number;
  peakConcurrency: number;
}
