// Issue 10's suggestion, measured before building it: would running each cycle in a short-lived
// worker_threads Worker keep the idle daemon under 100 MB, and at what CPU per cycle? A child node (the
// service's heap flags, the BUILT dist/) loads only what the daemon's main thread would keep (schedule,
// watcher, config, logger, token keeper, locks, state, runner), then runs CYCLES unchanged syncs of the
// emulator's org: "inproc" in that thread as the daemon does today (one runtime, its ModelMemo kept),
// "worker" each in a new Worker that loads the sync modules, builds the runtime, syncs and exits. VmRSS and
// CPU are read after each cycle (after the worker's exit). Findings: docs/benchmarks.md, daemon findings.
// Run: npx tsx bench/worker-cycle.ts [cycles] [runs]
import { spawn } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { DAEMON_NODE_FLAGS } from "../src/core/service/index.ts";
import { generateOrg } from "../src/emulator/index.ts";
import { benchHome, buildCli, ROOT, stats } from "./cli-home.ts";
import { spawnEmulator, type RemoteEmulator } from "./remote-emulator.ts";

const DIST = pathToFileURL(join(ROOT, "dist") + "/").href;
const MAIN_THREAD = [
  "core/daemon/scheduler.js",
  "core/daemon/watch.js",
  "core/config/index.js",
  "core/log/logger.js",
  "core/daemon/token-keeper.js",
  "core/lock/index.js",
  "core/state/daemon.js",
  "core/daemon/runner.js",
];

/** One cycle's sync; `D` is dist/ as a URL, `file` the config file. Run in the thread that loads it. */
const CYCLE = `
  const [{ buildRuntime }, { runSync }, { builtinRenderers }] = await Promise.all([
    import(D + "core/daemon/runtime.js"), import(D + "core/sync.js"), import(D + "renderers/index.js"),
  ]);
  const rt = await buildRuntime(file, process.env, builtinRenderers);
  const cycle = () => runSync(rt.config, {
    configFile: rt.file, env: process.env, outputs: rt.outputs, models: rt.models, background: true,
  }).then((r) => ({ exit: r.exitCode, wrote: r.outputs.some((o) => o.status === "written") }));
`;

/** The child: main-thread modules, then the cycles; one JSON line per cycle on stdout. */
const CHILD = `
  import { readFileSync } from "node:fs";
  import { Worker } from "node:worker_threads";
  const [D, mode, cycles, file] = process.argv.slice(1);
  const status = (k) => Number(new RegExp(k + ":\\\\s+(\\\\d+)").exec(readFileSync("/proc/self/status", "utf8"))[1]) / 1024;
  const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
  for (const m of ${JSON.stringify(MAIN_THREAD)}) await import(D + m);
  let inThread;
  if (mode === "inproc") { ${CYCLE}; inThread = cycle; }
  const inWorker = () => new Promise((resolve, reject) => {
    // An eval worker takes the child's --input-type=module: its code is a module too.
    const code = "const { parentPort, workerData: { D, file } } = await import('node:worker_threads');" +
      ${JSON.stringify(CYCLE)} + "parentPort.postMessage(await cycle());";
    const w = new Worker(code, { eval: true, workerData: { D, file } });
    let result;
    w.once("message", (m) => (result = m));
    w.once("error", reject);
    w.once("exit", () => (result ? resolve(result) : reject(new Error("worker exited without a result"))));
  });
  let before = cpu();
  for (let i = 0; i < Number(cycles); i++) {
    const r = await (inThread ?? inWorker)();
    const now = cpu();
    console.log(JSON.stringify({ ...r, rssMB: status("VmRSS"), hwmMB: status("VmHWM"), cpuS: now - before }));
    before = now;
    await new Promise((res) => setTimeout(res, 1000));
  }
`;

interface Cycle {
  exit: number;
  wrote: boolean;
  rssMB: number;
  hwmMB: number;
  cpuS: number;
}

async function oneChild(emu: RemoteEmulator, mode: string, cycles: number): Promise<Cycle[]> {
  const h = await benchHome(emu);
  try {
    const args = [...DAEMON_NODE_FLAGS, "--input-type=module", "-e", CHILD, DIST, mode, String(cycles + 1)];
    const child = spawn(process.execPath, [...args, h.configFile], { env: h.env, stdio: "pipe" });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
    const code = await new Promise((resolve) => child.once("exit", resolve));
    if (code !== 0) throw new Error(`${mode} child exited with ${String(code)}: ${err}`);
    const all = out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Cycle);
    if (all.some((c) => c.exit !== 0)) throw new Error(`a ${mode} cycle failed: ${err}`);
    return all.slice(1); // the first cycle writes every file
  } finally {
    await h.remove();
  }
}

export async function benchWorkerCycle(cycles = 12, runs = 3): Promise<Record<string, unknown>> {
  buildCli();
  const emu = await spawnEmulator();
  const out: Record<string, unknown> = { nodeArgs: DAEMON_NODE_FLAGS.join(" "), cycles, runs };
  try {
    for (const accounts of [30, 1000]) {
      await emu.control("org", { accounts: generateOrg(accounts, { seed: 7 }).accounts });
      const per: Record<string, Cycle[][]> = { inproc: [], worker: [] };
      // Alternated, so both modes see the same load on a shared machine.
      for (let i = 0; i < runs; i++)
        for (const mode of ["inproc", "worker"]) per[mode]?.push(await oneChild(emu, mode, cycles));
      const median = (xs: number[]): number => stats(xs, 3).median;
      for (const [mode, list] of Object.entries(per)) {
        out[`accounts${accounts}.${mode}`] = {
          rssBetweenCyclesMB: stats(
            list.map((c) => median(c.map((x) => x.rssMB))),
            1,
          ),
          hwmMB: stats(
            list.map((c) => Math.max(...c.map((x) => x.hwmMB))),
            1,
          ),
          cpuPerUnchangedCycleS: stats(
            list.map((c) => median(c.map((x) => x.cpuS))),
            3,
          ),
          unchangedCyclesThatWrote: list.map((c) => c.filter((x) => x.wrote).length),
        };
      }
    }
    return out;
  } finally {
    await emu.close();
  }
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const [cycles, runs] = [process.argv[2], process.argv[3]].map((a) => (a ? Number(a) : undefined));
  process.stdout.write(`${JSON.stringify(await benchWorkerCycle(cycles, runs), null, 2)}\n`);
}
