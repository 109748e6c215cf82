// Large-file benchmark (issue target: a no-op sync under 2 s, peak RSS under 300 MB): the BUILT CLI, run as
// a user runs it (`node bin/aws-sso-sync.js sync`), on a ~/.aws/config of 100,000 profiles of the user's
// own (about 10 MB), against the emulator in another process. A no-op sync (nothing to change) and a
// changing sync (one account more or less each run), each run RUNS times: wall time and peak RSS of the
// CLI process. Peak RSS is the kernel's ru_maxrss of that process, read by /usr/bin/time (%M) where it is
// installed, else written by the process itself on exit (process.resourceUsage().maxRSS, the same figure).
// Run alone: npx tsx bench/largefile.ts [profiles] [runs]
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeIssuedToken } from "../test/support/sync-fixture.ts";
import { generateOrg, type IssuedToken } from "../src/emulator/index.ts";
import { userConfig } from "./large-config.ts";
import { spawnEmulator } from "./remote-emulator.ts";

const SELF = fileURLToPath(import.meta.url);
const ROOT = fileURLToPath(new URL("../", import.meta.url));
const TIME = "/usr/bin/time";
const ACCOUNTS = 100;
const SESSION = {
  name: "bench",
  startUrl: "https://d-1234567890.awsapps.com/start",
  region: "us-east-1",
  scopes: ["sso:account:access"],
  flow: "device-code" as const,
};
// Written by the CLI process on exit when /usr/bin/time is missing: its own peak RSS in KiB.
const RSS_HOOK =
  "data:text/javascript,process.on('exit',()=>process.getBuiltinModule('node:fs').writeFileSync(process.env.BENCH_RSS_FILE,String(process.resourceUsage().maxRSS)))";

interface Run {
  wallS: number;
  peakRssMB: number;
}

/** One `aws-sso-sync sync` of the built CLI; wall time seen from here, peak RSS of the CLI process. */
async function measure(env: NodeJS.ProcessEnv, dir: string): Promise<Run> {
  const out = join(dir, "measure.txt");
  // BENCH_CPU_PROF=<dir>: each CLI run also writes a V8 CPU profile there (to see where the time goes).
  const prof = process.env.BENCH_CPU_PROF;
  const cli = [...(prof ? ["--cpu-prof", `--cpu-prof-dir=${prof}`] : []), "bin/aws-sso-sync.js", "sync"];
  const viaTime = existsSync(TIME);
  const t0 = performance.now();
  const r = viaTime
    ? spawnSync(TIME, ["-f", "%M", "-o", out, process.execPath, ...cli], { cwd: ROOT, env, encoding: "utf8" })
    : spawnSync(process.execPath, ["--import", RSS_HOOK, ...cli], {
        cwd: ROOT,
        env: { ...env, BENCH_RSS_FILE: out },
        encoding: "utf8",
      });
  const wallS = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`sync exited with ${r.status}: ${r.stderr}`);
  const kib = Number((await readFile(out, "utf8")).trim().split(/\s+/).at(-1));
  return { wallS: Number(wallS.toFixed(2)), peakRssMB: Number((kib / 1024).toFixed(1)) };
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0], median: s[Math.floor(s.length / 2)], max: s.at(-1) };
};

export async function benchLargeFile(profiles = 100_000, runs = 3): Promise<Record<string, unknown>> {
  const build = spawnSync("npm", ["run", "build"], { cwd: ROOT, encoding: "utf8" });
  if (build.status !== 0) throw new Error(`npm run build failed: ${build.stdout}${build.stderr}`);
  const emu = await spawnEmulator();
  const home = await mkdtemp(join(tmpdir(), "aws-sso-sync-bench-large-"));
  try {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: home,
      XDG_CONFIG_HOME: join(home, ".config"),
      XDG_STATE_HOME: join(home, ".local", "state"),
      AWS_CONFIG_FILE: join(home, ".aws", "config"),
      AWS_ENDPOINT_URL_SSO: emu.url,
      AWS_ENDPOINT_URL_SSO_OIDC: emu.url,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      NODE_NO_WARNINGS: "1",
      // BENCH_NODE_OPTIONS: passed to the CLI processes only (a preload that traces, for example).
      ...(process.env.BENCH_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS } : {}),
    };
    const all = generateOrg(ACCOUNTS + 1, { minRoles: 1, maxRoles: 3, seed: 3 }).accounts;
    const orgs = [{ accounts: all.slice(0, ACCOUNTS) }, { accounts: all }];
    await emu.control("org", orgs[0]);
    await writeIssuedToken((await emu.control("token", {})) as IssuedToken, env, SESSION);
    await mkdir(join(home, ".config", "aws-sso-sync"), { recursive: true });
    await writeFile(
      join(home, ".config", "aws-sso-sync", "config.yaml"),
      `sessions:\n  - name: ${SESSION.name}\n    startUrl: ${SESSION.startUrl}\n    region: ${SESSION.region}\n`,
    );
    await mkdir(join(home, ".aws"), { recursive: true });
    const user = userConfig(profiles);
    await writeFile(env.AWS_CONFIG_FILE as string, user);
    await measure(env, home); // places the region: the runs below start from a synced file
    const noop: Run[] = [];
    for (let i = 0; i < runs; i++) noop.push(await measure(env, home));
    const changing: Run[] = [];
    for (let i = 0; i < runs; i++) {
      await emu.control("org", orgs[(i + 1) % 2]);
      changing.push(await measure(env, home));
    }
    const size = (await readFile(env.AWS_CONFIG_FILE as string)).length;
    const noopWall = stats(noop.map((r) => r.wallS));
    const peak = Math.max(...[...noop, ...changing].map((r) => r.peakRssMB));
    return {
      userProfiles: profiles,
      fileMB: Number((size / 2 ** 20).toFixed(1)),
      generatedAccounts: ACCOUNTS,
      runs,
      peakRssMeasuredBy: existsSync(TIME)
        ? "/usr/bin/time %M (ru_maxrss of the CLI process)"
        : "process.resourceUsage().maxRSS",
      noop: { wallS: noopWall, peakRssMB: stats(noop.map((r) => r.peakRssMB)) },
      changing: {
        wallS: stats(changing.map((r) => r.wallS)),
        peakRssMB: stats(changing.map((r) => r.peakRssMB)),
      },
      target: "no-op median wall < 2 s, peak RSS < 300 MB",
      pass: (noopWall.median ?? Infinity) < 2 && peak < 300,
    };
  } finally {
    await emu.close();
    await rm(home, { recursive: true, force: true });
  }
}

if (process.argv[1] === SELF) {
  const [profiles, runs] = [Number(process.argv[2] ?? 100_000), Number(process.argv[3] ?? 3)];
  process.stdout.write(`${JSON.stringify(await benchLargeFile(profiles, runs), null, 2)}\n`);
}
