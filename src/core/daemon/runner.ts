// Runs syncs one at a time. A scheduled tick that finds a run going is skipped (runs never overlap and
// never pile up); a reload or a new token during a run queues one follow-up run. A run that failed for a
// reason that may pass (network down, DNS, 5xx storms) is retried with backoff until one succeeds; the
// daemon never exits over it.
import { errorMessage } from "../errors.ts";
import { log } from "../log/logger.ts";
import type { RunTrigger } from "../state/daemon.ts";
import { backoffMs } from "./token-timing.ts";

export interface RunRequest {
  trigger: RunTrigger;
  /** Sessions to discover; undefined: all. An empty list re-renders from the last discovery. */
  only?: string[];
}

export type RunFn = (req: RunRequest) => Promise<{ retry: boolean }>;

export class Runner {
  private current: Promise<void> | undefined;
  private pending: RunRequest | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private failures = 0;
  private stopped = false;
  skippedTicks = 0;

  constructor(
    private readonly run: RunFn,
    private readonly retryBaseMs = 5_000,
    private readonly retryMaxMs = 5 * 60_000,
  ) {}

  get busy(): boolean {
    return this.current !== undefined;
  }

  request(req: RunRequest): "started" | "queued" | "skipped" {
    if (this.stopped) return "skipped";
    if (this.current) {
      if (req.trigger === "schedule") {
        this.skippedTicks++;
        log().debug("scheduled run skipped", { reason: "the previous run is still going" });
        return "skipped";
      }
      this.pending = merge(this.pending, req);
      return "queued";
    }
    this.current = this.loop(req).finally(() => (this.current = undefined));
    return "started";
  }

  /** Resolves when no run is going (after the one in progress, if any). */
  async idle(): Promise<void> {
    while (this.current) await this.current;
  }

  stop(): void {
    this.stopped = true;
    this.pending = undefined;
    clearTimeout(this.retryTimer);
  }

  private async loop(first: RunRequest): Promise<void> {
    let req: RunRequest | undefined = first;
    while (req && !this.stopped) {
      clearTimeout(this.retryTimer);
      let retry: boolean;
      try {
        ({ retry } = await this.run(req));
      } catch (err) {
        log().error("sync failed", { trigger: req.trigger, error: errorMessage(err) });
        retry = true;
      }
      if (retry && !this.stopped) this.scheduleRetry();
      else this.failures = 0;
      req = this.pending;
      this.pending = undefined;
    }
  }

  private scheduleRetry(): void {
    this.failures++;
    const delay = backoffMs(this.failures, this.retryBaseMs, this.retryMaxMs);
    log().info("retry scheduled", { seconds: Math.round(delay / 1000), attempt: this.failures + 1 });
    this.retryTimer = setTimeout(() => this.request({ trigger: "retry" }), delay);
  }
}

/** Two queued requests become one: the union of their sessions (undefined, i.e. all, wins). */
function merge(a: RunRequest | undefined, b: RunRequest): RunRequest {
  if (!a) return b;
  if (a.only === undefined || b.only === undefined) return { trigger: b.trigger };
  return { trigger: b.trigger, only: [...new Set([...a.only, ...b.only])] };
}
