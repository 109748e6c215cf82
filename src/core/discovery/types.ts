// The public shapes of discovery (options, input, stats), kept apart from the run itself.
import type { SSOClientConfig } from "@aws-sdk/client-sso";
import type { Env } from "../paths.ts";
import type { DiscoveryFilters } from "./filters.ts";
import type { DiscoveryProgress } from "./progress.ts";

export interface DiscoveryInput {
  session: string;
  /** The Identity Center region (sso_region); the endpoint itself comes from the SDK's configuration. */
  ssoRegion: string;
  accessToken: string;
}

export interface DiscoveryOptions {
  /** Initial concurrency window (default 8); it adapts between 2 and maxConcurrency (default 32). */
  concurrency?: number;
  maxConcurrency?: number;
  /** max_result for both operations, clamped to 1..100 (default 100). */
  pageSize?: number;
  /** Overall deadline for the session (default 15 min); exceeding it fails the run. */
  deadlineMs?: number;
  /** Attempts per request, the first included (default 10). */
  maxAttempts?: number;
  /** Per-request timeout (default 30 s); a timeout is retried like a 5xx. */
  requestTimeoutMs?: number;
  /** Time limit for opening a connection (default 10 s); part of the request's own timeout too. */
  connectTimeoutMs?: number;
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

export interface DiscoveryStats {
  /** HTTP requests sent, retries included. */
  requests: number;
  retries: number;
  /** Requests answered 429. */
  throttled: number;
  elapsedMs: number;
  peakConcurrency: number;
}
