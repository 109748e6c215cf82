// Whole-command sync benchmark (issue target: >= 20x the seed): `aws-sso-sync sync` of the BUILT CLI as a
// user runs it, from process start to exit (node start, module loading, token, discovery, render, write),
// 1000 accounts at 25 ms emulator latency, against the seed's approach on the same emulator in the same
// run: one request at a time through the SDK's own paginators. Each CLI run starts from a fresh home, so
// every run writes all profiles. Wall, user+system CPU and peak RSS come from /usr/bin/time.
// Run alone: npx tsx bench/sync-cli.ts [runs]
import { spawnSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateOrg } from "../src/emulator/index.ts";
import { benchHome, buildCli, CLI, ROOT, round, stats } from "./cli-home.ts";
import { sequentialBaseline } from "./discovery.ts";
import { spawnEmulator } from "./remote-emulator.ts";

const SELF = fileURLToPath(import.meta.url);
const ACCOUNTS = 1000;
const LATENCY_MS = 25;

interface Run {
  wallS: number;
  cpuS: number;
  peakRssMB: number;
}

async function timedSync(env: NodeJS.ProcessEnv, out: string): Promise<Run> {
  const r = spawnSync("/usr/bin/time", ["-f", "%e %U %S %M", "-o", out, process.execPath, CLI, "sync"], {
    cwd: ROOT,
    env,
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`sync exited with ${r.status}: ${r.stderr}`);
  const [wall, user, sys, kib] = (await readFile(out, "utf8")).trim().split(/\s+/).slice(-4).map(Number);
  return {
    wallS: wall ?? NaN,
    cpuS: round((user ?? NaN) + (sys ?? NaN)),
    peakRssMB: round((kib ?? NaN) / 1024, 1),
  };
}

export async function benchSync(
  runs = Number(process.env.BENCH_RUNS ?? 3),
): Promise<Record<string, unknown>> {
  buildCli();
  const emu = await spawnEmulator();
  try {
    await emu.control("configure", {
      org: generateOrg(ACCOUNTS, { seed: 7 }),
      latencyMs: LATENCY_MS,
      rateLimit: null,
    });
    const token = ((await emu.control("token", {})) as { accessToken: string }).accessToken;
    const saved = process.env.AWS_ENDPOINT_URL_SSO;
    process.env.AWS_ENDPOINT_URL_SSO = emu.url;
    const baseline = await sequentialBaseline(token).finally(() => {
      if (saved === undefined) delete process.env.AWS_ENDPOINT_URL_SSO;
      else process.env.AWS_ENDPOINT_URL_SSO = saved;
    });
    const results: Run[] = [];
    for (let i = 0; i < runs; i++) {
      const h = await benchHome(emu);
      try {
        results.push(await timedSync(h.env, join(h.home, "time.txt")));
      } finally {
        await h.remove();
      }
    }
    const wall = stats(results.map((r) => r.wallS));
    const baselineS = baseline.ms / 1000;
    const speedup = baselineS / wall.median;
    return {
      accounts: baseline.accounts,
      latencyMs: LATENCY_MS,
      runs,
      seedSequentialS: round(baselineS),
      syncWallS: wall,
      syncCpuS: stats(results.map((r) => r.cpuS)),
      syncPeakRssMB: stats(
        results.map((r) => r.peakRssMB),
        1,
      ),
      speedupMedian: round(speedup, 1),
      speedupRange: [round(baselineS / wall.max, 1), round(baselineS / wall.min, 1)],
      target: "speedup >= 20 (median)",
      pass: speedup >= 20,
    };
  } finally {
    await emu.close();
  }
}

if (process.argv[1] === SELF) {
  process.stdout.write(`${JSON.stringify(await benchSync(Number(process.argv[2] ?? 3)), null, 2)}\n`);
}
