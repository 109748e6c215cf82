// Adaptive limiter for the portal API, whose throttle rate is undocumented (docs/internals/portal-api.md 8):
// a fixed client rate either fails (too high) or crawls (too low). Two controls: a concurrency window
// (in-flight cap) and a send rate (sends are spaced 1/rate apart). Until the first 429 both grow fast (slow
// start). A 429 cuts the rate to just under the success rate measured over the last 2 s and pauses everyone
// briefly. Successes then grow it back along a CUBIC curve (as TCP CUBIC and the AWS SDKs' adaptive mode do):
// quickly while far below the rate that was throttled, flat near it, then probing beyond.
import { Pacer } from "./pacer.ts";

export interface LimiterOptions {
  /** Initial concurrency window. */
  concurrency: number;
  /** Hard in-flight cap. */
  maxConcurrency: number;
  /** Initial send rate, requests/s. */
  initialRate?: number;
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

  constructor(opts: LimiterOptions) {
    this.max = Math.max(1, opts.maxConcurrency);
    this.window = Math.min(this.max, Math.max(1, opts.concurrency));
    this.now = opts.now ?? (() => performance.now());
    this.pacer = new Pacer(opts.initialRate ?? 100, this.now);
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
    if (this.successes.length > 4096) this.recentSuccesses(now); // amortised trim
    if (this.slowStart) {
      this.rate = Math.min(MAX_RATE, this.rate + SLOW_START_GAIN);
      this.window = Math.min(this.max, this.window + 1);
    } else {
      const t = (now - this.lastCutAt) / 1000;
      const cubic = this.wMax + CUBIC_C * (t - this.k) ** 3;
      this.rate = Math.min(MAX_RATE, Math.max(this.floor, this.rate, cubic));
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
    this.wMax = this.rate;
    this.floor = Math.max(MIN_RATE, base * BETA);
    this.k = Math.cbrt((this.wMax - this.floor) / CUBIC_C);
    this.rate = this.floor;
    // Halved, but kept at 2 so one slow request cannot stall the run; never above the hard cap.
    this.window = Math.min(this.max, Math.max(2, Math.floor(this.window / 2)));
    this.slowStart = false;
    this.lastCutAt = now;
    this.pacer.pause(now + Math.min(250, Math.max(50, 2000 / this.rate)));
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
