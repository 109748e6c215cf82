import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { formatProgress, progressReporter, type DiscoveryProgress } from "./progress.ts";

function fakeStream(isTTY: boolean): { stream: NodeJS.WriteStream; out: () => string } {
  let text = "";
  const stream = {
    isTTY,
    columns: 200,
    write: (chunk: string) => ((text += chunk), true),
  } as unknown as NodeJS.WriteStream;
  return { stream, out: () => text };
}

const p = (over: Partial<DiscoveryProgress>): DiscoveryProgress => ({
  accountsDone: 0,
  accountsTotal: 10,
  requests: 0,
  retries: 0,
  throttled: 0,
  elapsedMs: 0,
  finished: false,
  ...over,
});

describe("discovery progress", () => {
  test("nothing when the stream is not a terminal", () => {
    assert.equal(progressReporter(fakeStream(false).stream), undefined);
  });

  test("quick runs print nothing, not even the final newline", () => {
    const { stream, out } = fakeStream(true);
    const report = progressReporter(stream)!;
    report(p({ elapsedMs: 300, accountsDone: 5 }));
    report(p({ elapsedMs: 600, accountsDone: 10, finished: true }));
    assert.equal(out(), "");
  });

  test("long runs redraw one line in place, at most every 100 ms, and end it", () => {
    const { stream, out } = fakeStream(true);
    const report = progressReporter(stream, "work")!;
    report(p({ elapsedMs: 1200, accountsDone: 3, requests: 24 }));
    report(p({ elapsedMs: 1250, accountsDone: 4 })); // too soon: skipped
    report(p({ elapsedMs: 1400, accountsDone: 5, requests: 30, retries: 2, throttled: 1 }));
    report(p({ elapsedMs: 2000, accountsDone: 10, requests: 40, retries: 2, throttled: 1, finished: true }));
    const lines = out()
      .split("\r\x1b[2K")
      .filter((s) => s !== "");
    assert.equal(lines.length, 3);
    assert.match(lines[0]!, /^work: 3\/10 accounts, 20\.0 req\/s, 0 retries, 1\.2s$/);
    assert.match(lines[1]!, /5\/10 accounts.*2 retries \(1 throttled\)/);
    assert.match(lines[2]!, /^work: 10\/10 accounts, 20\.0 req\/s, 2 retries \(1 throttled\), 2\.0s\n$/);
  });

  test("formatProgress survives a zero elapsed time", () => {
    assert.match(formatProgress(p({}), "x"), /0\.0 req\/s/);
  });
});
