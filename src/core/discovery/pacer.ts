// Spaces sends at a rate that may change at any moment: one sender at a time takes a token from a
// bucket refilled at the current rate, so a new rate applies to the very next send (reserving future
// slots instead would keep the old spacing for seconds after a 429).
import { setTimeout as delay } from "node:timers/promises";

const BURST_S = 0.05; // the bucket holds 50 ms of sends: no bursts at 20 req/s, no 1 ms timer cap at 2000

export class Pacer {
  rate: number;
  private queue: Promise<void> = Promise.resolve();
  private tokens = 1;
  private refilledAt = -Infinity;
  private pausedUntil = 0;

  constructor(
    rate: number,
    private readonly now: () => number,
  ) {
    this.rate = rate;
  }

  /** Nobody sends before `until`, and the bucket starts empty then. */
  pause(until: number): void {
    this.pausedUntil = until;
    this.tokens = 0;
    this.refilledAt = until;
  }

  /** Resolves when the caller may send; callers are served in order. */
  async wait(signal: AbortSignal): Promise<void> {
    const previous = this.queue;
    let done = (): void => {};
    this.queue = new Promise<void>((resolve) => (done = resolve));
    try {
      await previous;
      for (;;) {
        signal.throwIfAborted();
        const now = this.now();
        if (now < this.pausedUntil) {
          await delay(this.pausedUntil - now, undefined, { signal });
          continue;
        }
        const refill = (Math.max(0, now - this.refilledAt) * this.rate) / 1000;
        this.tokens = Math.min(Math.max(1, this.rate * BURST_S), this.tokens + refill);
        this.refilledAt = Math.max(this.refilledAt, now);
        if (this.tokens >= 1) {
          this.tokens -= 1;
          return;
        }
        await delay(((1 - this.tokens) * 1000) / this.rate, undefined, { signal });
      }
    } finally {
      done();
    }
  }
}
