// Daemon benchmark (issue targets): `aws-sso-sync daemon` of the BUILT CLI, as a user runs it, on a
// schedule of every second against the emulator in another process. After each finished cycle (the state
// file's run count goes up) the daemon's VmRSS, VmHWM and CPU time are read from /proc. The startup run
// writes everything; then CYCLES unchanged cycles, then CHANGING cycles that each change 1 % of the
// accounts (they come and go between two orgs). At 30 and 1000 accounts, RUNS daemons each.
// Run alone: npx tsx bench/daemon.ts [cycles] [runs]; BENCH_CYCLES / BENCH_CHANGING / BENCH_RUNS /
// BENCH_NODE_ARGS too.
import { spawn } from "node:child_process";
import { setTimeout as delay } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { daemonFiles } from "../src/core/daemon/files.ts";
import { DAEMON_NODE_FLAGS } from "../src/core/service/index.ts";
import { readDaemonState } from "../src/core/state/daemon.ts";
import { generateOrg } from "../src/emulator/index.ts";
import { benchHome, buildCli, CLI, cpuOf, memoryOf, ROOT, round, stats } from "./cli-home.ts";
import { spawnEmulator, type RemoteEmulator } from "./remote-emulator.ts";

const SELF = fileURLToPath(import.meta.url);
const SIZES = [30, 1000];
const POLL_MS = 25;

interface Cycle {
  rssMB: number;
  hwmMB: number;
  cpuS: number;
  wrote: boolean;
}

/**
 * As the service runs it: with its heap flags (service/launch.ts). BENCH_NODE_ARGS replaces them ("" for
 * node's defaults); V8 heap flags are refused in NODE_OPTIONS.
 */
function nodeArgs(): string[] {
  const given = process.env.BENCH_NODE_ARGS;
  return given === undefined ? DAEMON_NODE_FLAGS : given.split(" ").filter(Boolean);
}

/** One daemon: startup run, `cycles` unchanged cycles, `changing` cycles that change 1 % of accounts. */
async function oneDaemon(emu: RemoteEmulator, accounts: number, cycles: number, changing: number) {
  const churn = Math.max(1, Math.round(accounts / 100));
  const all = generateOrg(accounts + churn, { seed: 7 }).accounts;
  const orgs = [{ accounts: all.slice(0, accounts) }, { accounts: all.slice(churn) }];
  await emu.control("org", orgs[0]);
  const h = await benchHome(emu, 'schedule: "* * * * * *"\n');
  const child = spawn(process.execPath, [...nodeArgs(), CLI, "daemon"], {
    cwd: ROOT,
    env: h.env,
    stdio: "pipe",
  });
  let stderr = "";
  child.stdout.resume();
  child.stderr.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const pid = child.pid ?? 0;
  const stateFile = daemonFiles(h.configFile, h.env).state;
  const unchanged: Cycle[] = [];
  const changed: Cycle[] = [];
  try {
    let seen = 0;
    let cpuBefore = 0;
    while (unchanged.length + changed.length < cycles + changing) {
      if (child.exitCode !== null) throw new Error(`daemon exited with ${child.exitCode}: ${stderr}`);
      await delay(POLL_MS);
      const read = await readDaemonState(stateFile);
      const s = read.kind === "ok" ? read.value : undefined;
      if (!s || s.counts.runs <= seen) continue;
      if (s.counts.failed > 0) throw new Error(`a daemon run failed: ${s.lastError?.message ?? "?"}`);
      seen = s.counts.runs;
      const [mem, cpu] = [await memoryOf(pid), await cpuOf(pid)];
      const cycle = {
        ...mem,
        cpuS: round(cpu - cpuBefore, 3),
        wrote: s.outputs.some((o) => o.status === "written"),
      };
      cpuBefore = cpu;
      if (seen === 1) continue; // the startup run writes every file
      (unchanged.length < cycles ? unchanged : changed).push(cycle);
      // The next cycle (within a second) sees the other org: 1 % of accounts gone, 1 % new.
      if (unchanged.length >= cycles) await emu.control("org", orgs[(changed.length + 1) % 2]);
    }
    return { unchanged, changed, hwmMB: (await memoryOf(pid)).hwmMB };
  } finally {
    child.kill("SIGTERM");
    await exited;
    await h.remove();
  }
}

export async function benchDaemon(
  cycles = Number(process.env.BENCH_CYCLES ?? 200),
  runs = Number(process.env.BENCH_RUNS ?? 3),
  changing = Number(process.env.BENCH_CHANGING ?? 20),
): Promise<Record<string, unknown>> {
  buildCli();
  const emu = await spawnEmulator();
  const out: Record<string, unknown> = {
    schedule: "every second",
    nodeArgs: nodeArgs().join(" "),
    cycles,
    changingCycles: changing,
    runs,
  };
  try {
    for (const accounts of SIZES) {
      const per = [];
      for (let i = 0; i < runs; i++) per.push(await oneDaemon(emu, accounts, cycles, changing));
      const median = (xs: number[]): number => stats(xs, 3).median;
      out[`accounts${accounts}`] = {
        // Per run: the median VmRSS after an unchanged cycle; the ranges are over the runs.
        rssBetweenCyclesMB: stats(
          per.map((p) => median(p.unchanged.map((c) => c.rssMB))),
          1,
        ),
        rssHighestAfterCycleMB: stats(
          per.map((p) => Math.max(...p.unchanged.map((c) => c.rssMB))),
          1,
        ),
        hwmMB: stats(
          per.map((p) => p.hwmMB),
          1,
        ),
        cpuPerUnchangedCycleS: stats(
          per.map((p) => median(p.unchanged.map((c) => c.cpuS))),
          3,
        ),
        cpuPerChangingCycleS: stats(
          per.map((p) => median(p.changed.map((c) => c.cpuS))),
          3,
        ),
        unchangedCyclesThatWrote: per.map((p) => p.unchanged.filter((c) => c.wrote).length),
        changingCyclesThatWrote: per.map((p) => p.changed.filter((c) => c.wrote).length),
        // The first run's VmRSS after every 20th unchanged cycle: growth shows here.
        rssEvery20thCycleMB: per[0]?.unchanged.filter((_, i) => (i + 1) % 20 === 0).map((c) => c.rssMB),
      };
    }
    return out;
  } finally {
    await emu.close();
  }
}

if (process.argv[1] === SELF) {
  const [cycles, runs] = [process.argv[2], process.argv[3]].map((a) => (a ? Number(a) : undefined));
  process.stdout.write(`${JSON.stringify(await benchDaemon(cycles, runs), null, 2)}\n`);
}
