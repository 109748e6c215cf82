// Daemon memory benchmark (issue target): 500 sync cycles against a 1000-account org, the way the daemon
// runs them (one runtime built once, tokens through the token keeper, runSync each cycle); the resident
// set size after cycle 10 and after cycle 500 must differ by less than 10 %. The emulator runs in a child
// process so its memory is not counted. Every 10th cycle three accounts come and three go, so files
// really get written.
// Run alone: npx tsx bench/daemon.ts [cycles]
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { oidcTimeouts } from "../src/core/auth/index.ts";
import { buildRuntime } from "../src/core/daemon/runtime.ts";
import { TokenKeeper } from "../src/core/daemon/token-keeper.ts";
import { createLogger, setLogger } from "../src/core/log/logger.ts";
import { runSync } from "../src/core/sync.ts";
import { writeIssuedToken } from "../test/support/sync-fixture.ts";
import { spawnEmulator } from "./remote-emulator.ts";
import { generateOrg, type IssuedToken } from "../src/emulator/index.ts";
import { builtinRenderers } from "../src/renderers/index.ts";

const SELF = fileURLToPath(import.meta.url);
const ACCOUNTS = 1000;
const SESSION = {
  name: "bench",
  startUrl: "https://d-1234567890.awsapps.com/start",
  region: "us-east-1",
  scopes: ["sso:account:access"],
  flow: "device-code" as const,
};

/** A full GC when the flag can be turned on, so heap figures compare live data rather than garbage. */
function collect(): void {
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
}

const mb = (n: number): number => Number((n / 2 ** 20).toFixed(1));

export async function benchDaemon(cycles = 500): Promise<Record<string, unknown>> {
  const emu = await spawnEmulator();
  const home = await mkdtemp(join(tmpdir(), "aws-sso-sync-bench-"));
  const keys = [
    "HOME",
    "XDG_CONFIG_HOME",
    "XDG_STATE_HOME",
    "AWS_ENDPOINT_URL_SSO",
    "AWS_ENDPOINT_URL_SSO_OIDC",
    "AWS_CONFIG_FILE",
  ] as const;
  const saved = Object.fromEntries(keys.map((k) => [k, process.env[k]]));
  const env = {
    HOME: home,
    XDG_CONFIG_HOME: join(home, ".config"),
    XDG_STATE_HOME: join(home, ".local", "state"),
    AWS_ENDPOINT_URL_SSO: emu.url,
    AWS_ENDPOINT_URL_SSO_OIDC: emu.url,
  };
  Object.assign(process.env, env);
  delete process.env.AWS_CONFIG_FILE;
  setLogger(createLogger({ level: "error", quiet: true }));
  try {
    // Day-to-day churn: the two orgs differ by three accounts removed and three added.
    const all = generateOrg(ACCOUNTS + 3, { seed: 7 }).accounts;
    const orgs = [{ accounts: all.slice(0, ACCOUNTS) }, { accounts: all.slice(3) }];
    await emu.control("org", orgs[0]);
    await writeIssuedToken((await emu.control("token", {})) as IssuedToken, env, SESSION);
    const configFile = join(home, ".config", "aws-sso-sync", "config.yaml");
    await mkdir(join(home, ".config", "aws-sso-sync"), { recursive: true });
    await writeFile(
      configFile,
      `sessions:\n  - name: ${SESSION.name}\n    startUrl: ${SESSION.startUrl}\n    region: ${SESSION.region}\ndiscovery:\n  concurrency: 32\n  maxConcurrency: 64\n`,
    );
    const rt = await buildRuntime(configFile, env, builtinRenderers);
    const events = {
      onLoginNeeded: () => undefined,
      onNewToken: () => undefined,
      onRefreshed: () => undefined,
    };
    const keeper = new TokenKeeper(
      env,
      rt.config.refreshLeadSeconds,
      events,
      oidcTimeouts(rt.config.timeouts),
    );
    keeper.setSessions(rt.config.sessions, rt.config.refreshLeadSeconds);

    const samples: Array<{ cycle: number; rssMB: number; heapMB: number }> = [];
    let written = 0;
    const t0 = performance.now();
    let t10 = t0;
    for (let i = 1; i <= cycles; i++) {
      if (i % 10 === 0) await emu.control("org", orgs[(i / 10) % 2]);
      const report = await runSync(rt.config, { env, outputs: rt.outputs, getToken: (s) => keeper.token(s) });
      if (report.exitCode !== 0)
        throw new Error(
          `cycle ${i}: exit ${report.exitCode}: ${report.sessions.map((s) => s.error).join("; ")}`,
        );
      written += report.outputs.filter((o) => o.status === "written").length;
      if (i === 10 || i === cycles || i % 50 === 0) {
        collect();
        const m = process.memoryUsage();
        samples.push({ cycle: i, rssMB: mb(m.rss), heapMB: mb(m.heapUsed) });
        if (i === 10) t10 = performance.now();
      }
    }
    keeper.stop();
    const first = samples.find((s) => s.cycle === 10);
    const last = samples.at(-1);
    const growth = first && last ? (last.rssMB - first.rssMB) / first.rssMB : NaN;
    return {
      accounts: ACCOUNTS,
      cycles,
      filesWritten: written,
      msPerCycle: Number(((performance.now() - t10) / Math.max(1, cycles - 10)).toFixed(1)),
      rssAfter10MB: first?.rssMB,
      rssAfterLastMB: last?.rssMB,
      rssGrowthPct: Number((growth * 100).toFixed(1)),
      heapAfter10MB: first?.heapMB,
      heapAfterLastMB: last?.heapMB,
      samples,
      target: "rss growth < 10 % between cycle 10 and the last cycle",
      pass: growth < 0.1,
    };
  } finally {
    for (const k of keys) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
    await emu.close();
    await rm(home, { recursive: true, force: true });
  }
}

if (process.argv[1] === SELF) {
  process.stdout.write(`${JSON.stringify(await benchDaemon(Number(process.argv[2] ?? 500)), null, 2)}\n`);
}
