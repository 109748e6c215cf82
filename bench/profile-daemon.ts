// Where the daemon's memory and CPU go: starts the BUILT daemon as bench/daemon.ts does (1000 accounts,
// every second) with extra node flags, lets it run CYCLES unchanged cycles, then stops it. With
// PROFILE_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=DIR" the profile is written when it exits; with
// "--heapsnapshot-signal=SIGUSR2" a heap snapshot is taken between cycles (after cycle SNAPSHOT_AT).
// Run: PROFILE_NODE_OPTIONS="…" npx tsx bench/profile-daemon.ts [accounts] [cycles]
import { spawn } from "node:child_process";
import { setTimeout as delay } from "node:timers/promises";
import { daemonFiles } from "../src/core/daemon/files.ts";
import { readDaemonState } from "../src/core/state/daemon.ts";
import { generateOrg } from "../src/emulator/index.ts";
import { benchHome, CLI, cpuOf, memoryOf, ROOT } from "./cli-home.ts";
import { spawnEmulator } from "./remote-emulator.ts";

const accounts = Number(process.argv[2] ?? 1000);
const cycles = Number(process.argv[3] ?? 20);
const snapshotAt = Number(process.env.SNAPSHOT_AT ?? 0);
const emu = await spawnEmulator();
const h = await benchHome(emu, 'schedule: "* * * * * *"\n');
try {
  await emu.control("org", { accounts: generateOrg(accounts, { seed: 7 }).accounts });
  const flags = (process.env.PROFILE_NODE_OPTIONS ?? "").split(" ").filter(Boolean);
  const child = spawn(process.execPath, [...flags, CLI, "daemon"], {
    cwd: ROOT,
    env: h.env,
    stdio: "inherit",
  });
  const pid = child.pid ?? 0;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const stateFile = daemonFiles(h.configFile, h.env).state;
  let seen = 0;
  let cpuBefore = 0;
  while (seen < cycles + 1) {
    await delay(25);
    const read = await readDaemonState(stateFile);
    const runs = read.kind === "ok" ? read.value.counts.runs : 0;
    if (runs <= seen) continue;
    seen = runs;
    const [mem, cpu] = [await memoryOf(pid), await cpuOf(pid)];
    process.stdout.write(
      `cycle ${seen}: rss ${mem.rssMB} hwm ${mem.hwmMB} cpu ${(cpu - cpuBefore).toFixed(2)}\n`,
    );
    cpuBefore = cpu;
    if (seen === snapshotAt) process.kill(pid, "SIGUSR2");
  }
  child.kill("SIGTERM");
  await exited;
} finally {
  await h.remove();
  await emu.close();
}
