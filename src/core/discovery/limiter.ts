// Adaptive limiter for the portal API, whose throttle rate is undocumented (docs/internals/portal-api.md 8): a
// fixed client rate either fails (too high) or crawls (too low). Two controls: a concurrency window (in-flight
// cap) and a send rate (sends are spaced 1/rate apart). Until the first 429 both grow fast (slow start).
// A 429 cuts the rate to just under the success rate measured over the last 2 s and pauses everyone
// briefly. Successes then grow it back along a CUBIC curve (as TCP CUBIC and the AWS SDKs' adaptive
// mode do): quickly while far below the rate that was throttled, flat near it, then probing beyond.
// A background run (share < 1) never goes above its share of the rate the portal was seen to allow, so the
// user's other tools keep the rest; a 429 at or below that ceiling was caused by someone else, and the
// ceiling halves for the rest of the run (docs/internals/polite-discovery.md).
import { Pacer } from "./pacer.ts";

export interface LimiterOptions {
  /** Initial concurrency window. */
  concurrency: number;
  /** Hard in-flight cap. */
  maxConcurrency: number;
  /** Initial send rate, requests/s. */
  initialRate?: number;
  /** Share of the portal's rate this run may use (default 1, all of it). */
  share?: number;
  /** The rate an earlier run learned the portal allows: a background run starts at its share of it. */
  learnedRate?: number | undefined;
  now?: () => number;
}

/** Handed out by acquire(); give it back to exactly one of onSuccess / onThrottle / onError. */
export interface Permit {
  readonly startedAt: number;
}

const BETA = 0.85; // after a 429: 85 % of the measured success rate, just under the server's limit
const CUBIC_C = 0.4; // req/s per s³, as in the AWS SDKs' adaptive retry mode
const SLOW_START_GAIN = 5; // req/s added per success before the first 429: exponential in time
const MIN_RATE = 0.5;
const MAX_RATE = 20_000;
const MEASURE_MS = 2000; // long enough that a refilled server bucket does not inflate the estimate
const FOREIGN_BACKOFF = 0.5; // a background run throttled below its ceiling: someone else needs the rate

export class AdaptiveLimiter {
  window: number;
  peakConcurrency = 0;
  /** Permits handed out or reserved (bounded by the window); `active` counts only those sent. */
  private held = 0;
  private active = 0;
  private readonly pacer: Pacer;
  private lastCutAt = -Infinity;
  private slowStart = true;
  private wMax = 0; // the rate that was throttled last
  private k = 0; // seconds the cubic takes to climb back to wMax
  private floor = 0; // the rate right after the last cut
  private successes: number[] = []; // success times; only the last MEASURE_MS matter
  private waiters: Array<() => void> = [];
  private readonly max: number;
  private readonly now: () => number;
  private readonly share: number;
  private ceiling = MAX_RATE; // a background run's cap: its share of the learned rate
  private cutEstimate: number | undefined; // what the portal let through at our own latest cut
  private firstCutAt = Infinity;
  private afterCut = 0; // successes since the first cut

  constructor(opts: LimiterOptions) {
    this.max = Math.max(1, opts.maxConcurrency);
    this.window = Math.min(this.max, Math.max(1, opts.concurrency));
    this.now = opts.now ?? (() => performance.now());
    this.share = Math.min(1, Math.max(0.01, opts.share ?? 1));
    this.pacer = new Pacer(opts.initialRate ?? 100, this.now);
    if (this.share < 1 && opts.learnedRate) {
      // Known limit: no probing at all, so the other tools never see a 429 caused by this run.
      this.cutEstimate = opts.learnedRate;
      this.ceiling = Math.max(MIN_RATE, this.share * opts.learnedRate);
      [this.rate, this.floor, this.wMax, this.slowStart] = [this.ceiling, this.ceiling, this.ceiling, false];
    }
  }

  /** Waits for a window slot and a send slot. `priority` jumps the window queue (ListAccounts pages). */
  async acquire(signal: AbortSignal, priority = false): Promise<Permit> {
    while (this.held >= Math.floor(this.window)) await this.waitTurn(signal, priority);
    this.held++;
    try {
      await this.pacer.wait(signal);
    } catch (err) {
      this.release();
      throw err;
    }
    this.active++;
    this.peakConcurrency = Math.max(this.peakConcurrency, this.active);
    return { startedAt: this.now() };
  }

  /**
   * The rate the portal allows as this run saw it (req/s), undefined when it never throttled us: the
   * latest cut's measurement or, for a run at the whole rate that hovered at the limit for a while, the
   * success rate since its first cut, whichever is higher (an early cut's 2 s window undercounts).
   */
  get learnedRate(): number | undefined {
    if (this.share < 1 || this.cutEstimate === undefined) return this.cutEstimate;
    const s = (this.now() - this.firstCutAt) / 1000;
    return s >= 1 ? Math.max(this.cutEstimate, this.afterCut / s) : this.cutEstimate;
  }

  /** The send rate, requests/s. */
  get rate(): number {
    return this.pacer.rate;
  }

  private set rate(value: number) {
    this.pacer.rate = value;
  }

  onSuccess(_permit: Permit): void {
    const now = this.now();
    this.successes.push(now);
    if (now > this.firstCutAt) this.afterCut++;
    if (this.successes.length > 4096) this.recentSuccesses(now); // amortised trim
    if (this.slowStart) {
      this.rate = Math.min(this.ceiling, this.rate + SLOW_START_GAIN);
      this.window = Math.min(this.max, this.window + 1);
    } else {
      const t = (now - this.lastCutAt) / 1000;
      const cubic = this.wMax + CUBIC_C * (t - this.k) ** 3;
      this.rate = Math.min(this.ceiling, Math.max(this.floor, this.rate, cubic));
      this.window = Math.min(this.max, this.window + 1 / this.window);
    }
    this.settle();
  }

  /** A 429. Only the first throttle of requests sent after the last cut counts as a new event. */
  onThrottle(permit: Permit): void {
    this.settle();
    if (permit.startedAt <= this.lastCutAt) return;
    const now = this.now();
    // Successes per second over the last 2 s: what the server let through. Early in a run this
    // undercounts (safe: the cubic climbs back fast, because wMax remembers the throttled rate).
    const measured = this.recentSuccesses(now) / (MEASURE_MS / 1000);
    const base = measured > 0 ? Math.min(this.rate, measured) : this.rate / 2;
    if (this.share < 1) this.politeCut(base);
    else {
      this.cutEstimate = base;
      this.firstCutAt = Math.min(this.firstCutAt, now);
      this.wMax = this.rate;
      this.floor = Math.max(MIN_RATE, base * BETA);
      this.k = Math.cbrt((this.wMax - this.floor) / CUBIC_C);
    }
    this.rate = this.floor;
    // Halved, but kept at 2 so one slow request cannot stall the run; never above the hard cap.
    this.window = Math.min(this.max, Math.max(2, Math.floor(this.window / 2)));
    this.slowStart = false;
    this.lastCutAt = now;
    this.pacer.pause(now + Math.min(250, Math.max(50, 2000 / this.rate)));
  }

  /** A background run's 429: its own probe sets the ceiling; one below the ceiling lowers it. */
  private politeCut(base: number): void {
    if (this.ceiling >= MAX_RATE) {
      this.cutEstimate = base;
      this.ceiling = Math.max(MIN_RATE, this.share * base);
    } else this.ceiling = Math.max(MIN_RATE, this.ceiling * FOREIGN_BACKOFF);
    [this.floor, this.wMax, this.k] = [this.ceiling, this.ceiling, 0];
  }

  onError(_permit: Permit): void {
    this.settle();
  }

  private recentSuccesses(now: number): number {
    const cutoff = now - MEASURE_MS;
    let old = 0;
    while (old < this.successes.length && (this.successes[old] ?? now) < cutoff) old++;
    if (old > 0) this.successes = this.successes.slice(old);
    return this.successes.length;
  }

  /** A sent request is over: free its window slot. */
  private settle(): void {
    this.active--;
    this.release();
  }

  private release(): void {
    this.held--;
    let free = Math.floor(this.window) - this.held;
    while (free-- > 0 && this.waiters.length > 0) this.waiters.shift()?.();
  }

  private waitTurn(signal: AbortSignal, priority: boolean): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      signal.throwIfAborted();
      const wake = (): void => {
        signal.removeEventListener("abort", onAbort);
        resolve();
      };
      const onAbort = (): void => {
        this.waiters = this.waiters.filter((w) => w !== wake);
        reject(signal.reason);
      };
      signal.addEventListener("abort", onAbort, { once: true });
      if (priority) this.waiters.unshift(wake);
      else this.waiters.push(wake);
    });
  }
}
