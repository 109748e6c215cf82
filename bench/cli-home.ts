// What the process benchmarks share: a throw-away home with a config and a token for the emulator, the
// built CLI (`node bin/aws-sso-sync.js`, the installed form) and the kernel's figures for a process read
// from /proc (VmRSS, VmHWM, user+system CPU), which is what a user's `top` shows, not the V8 heap.
import { spawnSync } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { IssuedToken } from "../src/emulator/index.ts";
import { writeIssuedToken } from "../test/support/sync-fixture.ts";
import type { RemoteEmulator } from "./remote-emulator.ts";

export const ROOT = fileURLToPath(new URL("../", import.meta.url));
export const CLI = join(ROOT, "bin", "aws-sso-sync.js");
export const SESSION = {
  name: "bench",
  startUrl: "https://d-1234567890.awsapps.com/start",
  region: "us-east-1",
  scopes: ["sso:account:access"],
  flow: "device-code" as const,
};

export interface BenchHome {
  home: string;
  env: NodeJS.ProcessEnv;
  configFile: string;
  remove(): Promise<void>;
}

/** A home whose config has one session on the emulator (plus `extra` YAML) and a valid token. */
export async function benchHome(emu: RemoteEmulator, extra = ""): Promise<BenchHome> {
  const home = await mkdtemp(join(tmpdir(), "aws-sso-sync-bench-"));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    XDG_CONFIG_HOME: join(home, ".config"),
    XDG_STATE_HOME: join(home, ".local", "state"),
    AWS_ENDPOINT_URL_SSO: emu.url,
    AWS_ENDPOINT_URL_SSO_OIDC: emu.url,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    NODE_NO_WARNINGS: "1",
    ...(process.env.BENCH_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS } : {}),
  };
  await writeIssuedToken((await emu.control("token", { ttlSec: 86_400 })) as IssuedToken, env, SESSION);
  const configFile = join(home, ".config", "aws-sso-sync", "config.yaml");
  await mkdir(join(home, ".config", "aws-sso-sync"), { recursive: true });
  const session = `sessions:\n  - name: ${SESSION.name}\n    startUrl: ${SESSION.startUrl}\n    region: ${SESSION.region}\n`;
  await writeFile(configFile, session + extra);
  return { home, env, configFile, remove: () => rm(home, { recursive: true, force: true }) };
}

export function buildCli(): void {
  const build = spawnSync("npm", ["run", "build"], { cwd: ROOT, encoding: "utf8" });
  if (build.status !== 0) throw new Error(`npm run build failed: ${build.stdout}${build.stderr}`);
}

/** VmRSS and VmHWM of a live process, MiB. */
export async function memoryOf(pid: number): Promise<{ rssMB: number; hwmMB: number }> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kib = (key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+)`, "m").exec(status)?.[1] ?? NaN);
  return { rssMB: round(kib("VmRSS") / 1024, 1), hwmMB: round(kib("VmHWM") / 1024, 1) };
}

/** User + system CPU seconds a live process has used (fields 14 and 15 of /proc/PID/stat, in ticks). */
export async function cpuOf(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8");
  // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  return ticks / CLOCK_TICKS;
}

/** USER_HZ: 100 on every Linux the project supports (getconf CLK_TCK). */
const CLOCK_TICKS = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim()) || 100;

export const round = (n: number, digits = 2): number => Number(n.toFixed(digits));

export function stats(xs: number[], digits = 2): { min: number; median: number; max: number } {
  const s = [...xs].sort((a, b) => a - b);
  const pick = (i: number): number => round(s[i] ?? NaN, digits);
  return { min: pick(0), median: pick(Math.floor(s.length / 2)), max: pick(s.length - 1) };
}
