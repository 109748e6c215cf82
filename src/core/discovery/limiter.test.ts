import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { AdaptiveLimiter } from "./limiter.ts";

/** A limiter on a hand-driven clock; acquire() never sleeps while the clock stands still past nextSlot. */
function clocked(
  opts: {
    concurrency?: number;
    maxConcurrency?: number;
    initialRate?: number;
    share?: number;
    learnedRate?: number;
  } = {},
) {
  let t = 1000;
  const limiter = new AdaptiveLimiter({
    concurrency: opts.concurrency ?? 4,
    maxConcurrency: opts.maxConcurrency ?? 8,
    initialRate: opts.initialRate ?? 100,
    now: () => t,
    ...(opts.share === undefined ? {} : { share: opts.share }),
    ...(opts.learnedRate === undefined ? {} : { learnedRate: opts.learnedRate }),
  });
  return { limiter, advance: (ms: number) => void (t += ms), at: () => t };
}

const signal = new AbortController().signal;

describe("AdaptiveLimiter", { timeout: 10_000 }, () => {
  test("slow start: rate and window grow with every success until the first throttle", async () => {
    const { limiter, advance } = clocked();
    let last = limiter.rate;
    for (let i = 0; i < 10; i++) {
      advance(20);
      limiter.onSuccess(await limiter.acquire(signal));
      assert.ok(limiter.rate > last);
      last = limiter.rate;
    }
    assert.equal(limiter.window, 8); // +1 per success, capped at maxConcurrency
  });

  test("a 429 cuts the rate to just under the measured success rate, once per congestion event", async () => {
    const { limiter, advance } = clocked({ initialRate: 1000 });
    // 40 successes over the last 2 s: the server let 20 req/s through.
    for (let i = 0; i < 40; i++) {
      advance(50);
      limiter.onSuccess(await limiter.acquire(signal));
    }
    advance(10);
    const early = await limiter.acquire(signal);
    const alsoEarly = await limiter.acquire(signal);
    limiter.onThrottle(early);
    assert.ok(limiter.rate >= 15 && limiter.rate < 20, `rate ${limiter.rate}`);
    assert.equal(limiter.window, 4);
    const cut = limiter.rate;
    // Sent before the cut: the same event, no second cut.
    limiter.onThrottle(alsoEarly);
    assert.equal(limiter.rate, cut);
  });

  test("after a throttle the rate climbs back along a cubic: fast, flat near the throttled rate, then beyond", async () => {
    const { limiter, advance } = clocked({ initialRate: 20 });
    advance(10);
    limiter.onThrottle(await limiter.acquire(signal));
    const samples = [limiter.rate];
    assert.ok(samples[0]! < 10, "nothing measured yet: well below the throttled 20 req/s");
    advance(250); // the pause (the fake clock must cover it, or acquire() would wait for ever)
    for (let i = 0; i < 32; i++) {
      advance(250);
      limiter.onSuccess(await limiter.acquire(signal));
      samples.push(limiter.rate);
    }
    const steps = samples.slice(1).map((r, i) => r - samples[i]!);
    assert.ok(
      steps.every((d) => d >= 0),
      "never decreases without a throttle",
    );
    const flattest = steps.indexOf(Math.min(...steps.slice(1, -1)));
    assert.ok(Math.abs(samples[flattest]! - 20) < 1, `flat near 20 req/s, got ${samples[flattest]}`);
    assert.ok(steps[0]! > 5 * steps[flattest]!, "fast far below the throttled rate");
    assert.ok(steps.at(-1)! > 5 * steps[flattest]! && samples.at(-1)! > 25, "probes beyond it after calm");
  });

  test("after a throttle, sends wait out the pause and are spaced by the new rate", async () => {
    const limiter = new AdaptiveLimiter({ concurrency: 4, maxConcurrency: 4, initialRate: 50 });
    limiter.onThrottle(await limiter.acquire(signal)); // ~21 req/s, ~94 ms pause
    const t0 = performance.now();
    for (let i = 0; i < 3; i++) limiter.onSuccess(await limiter.acquire(signal));
    const took = performance.now() - t0;
    assert.ok(took >= 150 && took < 1000, `took ${took} ms`);
  });

  test("never more permits out than the window; queued callers get them in order, priority first", async () => {
    const limiter = new AdaptiveLimiter({ concurrency: 2, maxConcurrency: 2, initialRate: 10_000 });
    const a = await limiter.acquire(signal);
    const b = await limiter.acquire(signal);
    const order: string[] = [];
    const c = limiter.acquire(signal).then((p) => (order.push("c"), p));
    const d = limiter.acquire(signal, true).then((p) => (order.push("d"), p));
    await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(order, []);
    limiter.onError(a);
    limiter.onError(await d);
    limiter.onError(b);
    limiter.onError(await c);
    assert.deepEqual(order, ["d", "c"]);
    assert.equal(limiter.peakConcurrency, 2);
  });

  test("maxConcurrency 1 holds after a 429: never two requests in flight", async () => {
    const { limiter, advance } = clocked({ concurrency: 1, maxConcurrency: 1 });
    advance(10);
    limiter.onThrottle(await limiter.acquire(signal));
    assert.equal(limiter.window, 1);
    advance(1000); // past the pause
    const first = await limiter.acquire(signal);
    let second = false;
    const next = limiter.acquire(signal).then((p) => ((second = true), p));
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(second, false, "a second permit while the first is out");
    limiter.onSuccess(first);
    limiter.onSuccess(await next);
    assert.equal(limiter.peakConcurrency, 1);
  });

  test("a queued caller leaves when the run is aborted", async () => {
    const limiter = new AdaptiveLimiter({ concurrency: 1, maxConcurrency: 1 });
    await limiter.acquire(signal);
    const run = new AbortController();
    const waiting = limiter.acquire(run.signal);
    run.abort(new Error("deadline"));
    await assert.rejects(waiting, /deadline/);
  });

  test("background share with a learned rate: starts at its share, never above it, halves on a foreign 429", async () => {
    const { limiter, advance } = clocked({ share: 0.5, learnedRate: 20 });
    assert.equal(limiter.rate, 10, "half of the learned 20 req/s, no probing");
    for (let i = 0; i < 50; i++) {
      advance(100);
      limiter.onSuccess(await limiter.acquire(signal));
    }
    assert.equal(limiter.rate, 10, "successes never lift it above its share");
    advance(100);
    limiter.onThrottle(await limiter.acquire(signal)); // sent at its share: someone else used the rest
    assert.equal(limiter.rate, 5);
    advance(1000);
    for (let i = 0; i < 50; i++) {
      advance(200);
      limiter.onSuccess(await limiter.acquire(signal));
    }
    assert.equal(limiter.rate, 5, "stays backed off for the rest of the run");
    assert.equal(limiter.learnedRate, 20, "a foreign 429 does not change what the portal allows");
  });

  test("background share without a learned rate: the first 429 of its own probe sets the ceiling", async () => {
    const { limiter, advance } = clocked({ share: 0.5, initialRate: 1000 });
    for (let i = 0; i < 40; i++) {
      advance(50);
      limiter.onSuccess(await limiter.acquire(signal)); // the server let 20 req/s through
    }
    advance(10);
    limiter.onThrottle(await limiter.acquire(signal));
    assert.equal(limiter.learnedRate, 20);
    assert.equal(limiter.rate, 10);
    advance(1000);
    for (let i = 0; i < 50; i++) {
      advance(100);
      limiter.onSuccess(await limiter.acquire(signal));
    }
    assert.equal(limiter.rate, 10, "never above half of what it learned");
  });

  test("the whole rate (share 1) learns the limit from every cut of its own", async () => {
    const { limiter, advance } = clocked({ initialRate: 1000 });
    for (let i = 0; i < 40; i++) {
      advance(50);
      limiter.onSuccess(await limiter.acquire(signal));
    }
    advance(10);
    limiter.onThrottle(await limiter.acquire(signal));
    assert.equal(limiter.learnedRate, 20);
  });
});
