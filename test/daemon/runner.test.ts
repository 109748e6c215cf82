// The runner: runs never overlap, ticks during a run are skipped, other requests queue one merged
// follow-up, failures retry with backoff until a run succeeds, and stop() ends it all.
import assert from "node:assert/strict";
import { test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { Runner, type RunRequest } from "../../src/core/daemon/runner.ts";
import { backoffMs, leadMs, nextCheckMs } from "../../src/core/daemon/token-timing.ts";
import { createLogger, setLogger } from "../../src/core/log/logger.ts";

setLogger(createLogger({ quiet: true }));

test("a tick during a run is skipped; runs never overlap", async () => {
  let active = 0;
  let peak = 0;
  const seen: string[] = [];
  const r = new Runner(async (req) => {
    seen.push(req.trigger);
    peak = Math.max(peak, ++active);
    await sleep(80);
    active--;
    return { retry: false };
  });
  assert.equal(r.request({ trigger: "startup" }), "started");
  assert.equal(r.request({ trigger: "schedule" }), "skipped");
  assert.equal(r.request({ trigger: "schedule" }), "skipped");
  await r.idle();
  assert.deepEqual(seen, ["startup"]);
  assert.equal(peak, 1);
  assert.equal(r.skippedTicks, 2);
});

test("reload and token requests during a run become one follow-up with the union of sessions", async () => {
  const seen: RunRequest[] = [];
  const r = new Runner(async (req) => {
    seen.push(req);
    await sleep(50);
    return { retry: false };
  });
  r.request({ trigger: "schedule" });
  assert.equal(r.request({ trigger: "token", only: ["a"] }), "queued");
  assert.equal(r.request({ trigger: "reload", only: ["b"] }), "queued");
  await r.idle();
  assert.deepEqual(
    seen.map((s) => [s.trigger, s.only]),
    [
      ["schedule", undefined],
      ["reload", ["a", "b"]],
    ],
  );
});

test("a failed run is retried with backoff until one succeeds; stop() cancels the retry", async () => {
  const times: number[] = [];
  const r = new Runner(
    async () => {
      times.push(Date.now());
      if (times.length < 3) throw new Error("ECONNREFUSED");
      return { retry: false };
    },
    40,
    1_000,
  );
  r.request({ trigger: "startup" });
  for (let i = 0; i < 50 && times.length < 3; i++) await sleep(20);
  await r.idle();
  assert.equal(times.length, 3);
  const [a = 0, b = 0, c = 0] = times;
  assert.ok(c - b > (b - a) * 1.1, `backoff grows: ${b - a} ms then ${c - b} ms`);
  let more = 0;
  const r3 = new Runner(async () => (more++, { retry: true }), 30, 30);
  r3.request({ trigger: "startup" });
  await r3.idle();
  r3.stop();
  await sleep(100);
  assert.equal(more, 1, "no retry after stop()");
  assert.equal(r3.request({ trigger: "schedule" }), "skipped");
});

test("refresh timing: the configured lead, or half the lifetime of a short-lived token", () => {
  const now = 1_000_000;
  const hour = { accessToken: "x", expiresAt: new Date(now + 3_600_000), observedAt: now, ours: true };
  assert.equal(leadMs(hour, 900), 900_000);
  assert.equal(nextCheckMs(hour, 900, 0, now), 2_700_000);
  const short = { ...hour, expiresAt: new Date(now + 4_000) };
  assert.equal(leadMs(short, 900), 2_000);
  assert.equal(nextCheckMs(short, 900, 0, now), 2_000);
  // Overdue: check soon, but never in a tight loop.
  assert.equal(nextCheckMs(short, 900, 0, now + 10_000), 250);
  // Failing refreshes back off: 1 s, 2 s, 4 s … capped at a minute (±20 % jitter).
  assert.equal(
    backoffMs(1, 1000, 60_000, () => 0.5),
    1000,
  );
  assert.equal(
    backoffMs(3, 1000, 60_000, () => 0.5),
    4000,
  );
  assert.equal(
    backoffMs(30, 1000, 60_000, () => 0.5),
    60_000,
  );
  const far = { ...hour, expiresAt: new Date(now + 90 * 86_400_000) };
  assert.equal(nextCheckMs(far, 900, 0, now), 2 ** 31 - 1, "clamped to what setTimeout can wait");
});
