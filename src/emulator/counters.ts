// Per-op, per-grant and per-status counters plus in-flight tracking, so tests can assert what a client
// actually sent (how many pages, how many refreshes, how parallel it was).
import type { EmulatorCounters } from "./types.ts";

const ORDER_CAP = 10_000;

export class Counters {
  private data: EmulatorCounters = Counters.empty();
  private inFlight = 0;

  static empty(): EmulatorCounters {
    return {
      ops: {},
      grants: {},
      statuses: {},
      throttled: 0,
      throttledOps: {},
      portalOrder: [],
      hung: 0,
      malformed: 0,
      peakConcurrency: 0,
      requests: 0,
    };
  }

  begin(): void {
    this.inFlight++;
    this.data.requests++;
    this.data.peakConcurrency = Math.max(this.data.peakConcurrency, this.inFlight);
  }

  end(status: number): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    const key = String(status);
    this.data.statuses[key] = (this.data.statuses[key] ?? 0) + 1;
  }

  op(name: string): void {
    this.data.ops[name] = (this.data.ops[name] ?? 0) + 1;
  }

  grant(name: string): void {
    this.data.grants[name] = (this.data.grants[name] ?? 0) + 1;
  }

  throttled(op: string): void {
    this.data.throttled++;
    this.data.throttledOps[op] = (this.data.throttledOps[op] ?? 0) + 1;
  }

  portal(op: string): void {
    if (this.data.portalOrder.length < ORDER_CAP) this.data.portalOrder.push(op);
  }

  /** A request that will never be answered: counted as hung, and no longer in flight once it closes. */
  hung(): void {
    this.data.hung++;
  }

  released(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
  }

  malformed(): void {
    this.data.malformed++;
  }

  snapshot(): EmulatorCounters {
    return structuredClone(this.data);
  }

  /** Peak concurrency restarts from what is in flight right now. */
  reset(): void {
    this.data = Counters.empty();
    this.data.peakConcurrency = this.inFlight;
  }
}
