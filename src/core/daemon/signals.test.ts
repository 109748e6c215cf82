// Stop signals always end the process: a child that installs the handlers and whose graceful stop never
// finishes exits on its own once the grace period is over, or at once on a second signal.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";

const SIGNALS = fileURLToPath(new URL("./signals.ts", import.meta.url));

/** A process whose stop hangs forever (an interval keeps it alive); prints "ready" once installed. */
function hangingChild(graceMs: number) {
  const code = `import { installStopSignals } from ${JSON.stringify(SIGNALS)};
installStopSignals(() => console.log("stopping"), { graceMs: ${graceMs} });
setInterval(() => undefined, 1000);
console.log("ready");`;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  const ready = new Promise<void>((resolve) =>
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      out += d;
      if (out.includes("ready")) resolve();
    }),
  );
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (c, s) => resolve({ code: c, signal: s })),
  );
  // Never left behind, whatever the test does.
  const kill = setTimeout(() => child.kill("SIGKILL"), 60_000);
  return { child, ready, exited, output: () => out, done: () => clearTimeout(kill) };
}

describe("stop signals", () => {
  test("a graceful stop that hangs ends at the grace period with 128 + 15", async () => {
    const c = hangingChild(300);
    await c.ready;
    c.child.kill("SIGTERM");
    const r = await c.exited;
    c.done();
    assert.deepEqual(r, { code: 143, signal: null });
    assert.match(c.output(), /stopping/);
  });

  test("a second signal exits at once", async () => {
    const c = hangingChild(600_000);
    await c.ready;
    c.child.kill("SIGINT");
    for (let i = 0; i < 200 && !c.output().includes("stopping"); i++)
      await new Promise((r) => setTimeout(r, 25));
    c.child.kill("SIGINT");
    const r = await c.exited;
    c.done();
    assert.deepEqual(r, { code: 130, signal: null });
  });
});
