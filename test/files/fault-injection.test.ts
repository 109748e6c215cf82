// Fault injection for every write site of ours (managed INI file, whole-file output, token cache,
// registration cache, discovery state, output records, backups, daemon state, service unit), driven through
// the real functions by a child process (test/support/fault-writer.ts, fixed clock so each version's bytes
// are known): (a) on a full tmpfs every write fails and every file keeps its old bytes, with no temp file
// left; (b) kill -9 at seeded random moments while every site writes two versions by turns leaves every file
// (and every backup) byte-equal to one of the two versions, and both INI versions load in botocore.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { backupPrefix } from "../../src/core/files/index.ts";
import { botocoreSkip } from "../support/aws-cli.ts";
import { childEnv, tempHome, type TestEnv } from "../support/emulator.ts";
import { mountTmpfs } from "../support/tmpfs.ts";

const WRITER = fileURLToPath(new URL("../support/fault-writer.ts", import.meta.url));
const USER = "[profile mine]\nregion = eu-west-1\n";
type Sites = Record<string, { path: string; error?: string }>;

function homeEnv(home: string): TestEnv {
  return {
    HOME: home,
    XDG_CONFIG_HOME: join(home, ".config"),
    XDG_STATE_HOME: join(home, ".state"),
    AWS_CONFIG_FILE: undefined,
    NODE_NO_WARNINGS: "1",
  };
}

function start(home: string, args: string[]) {
  return spawn(process.execPath, ["--import", "tsx", WRITER, ...args], {
    env: childEnv(homeEnv(home)),
    stdio: ["ignore", "pipe", "ignore"],
  });
}

async function once(home: string, version: 0 | 1): Promise<Sites> {
  const child = start(home, ["once", String(version)]);
  let out = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => (out += d));
  const code = await new Promise((r) => child.on("close", r));
  assert.equal(code, 0, out);
  return JSON.parse(out) as Sites;
}

async function bytesOf(sites: Sites): Promise<Map<string, Buffer>> {
  return new Map(
    await Promise.all(Object.entries(sites).map(async ([k, s]) => [k, await readFile(s.path)] as const)),
  );
}

async function tempFiles(dir: string): Promise<string[]> {
  const all = (await readdir(dir, { recursive: true })) as string[];
  return all.filter((n) => n.endsWith(".tmp"));
}

/** mulberry32: seeded, so a failing kill moment can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function withUserConfig(home: string) {
  await mkdir(join(home, ".aws"), { recursive: true });
  await writeFile(join(home, ".aws", "config"), USER);
}

test("a full disk: every write site fails and keeps its old bytes, no temp file stays", async (t) => {
  const mnt = await mountTmpfs(t, 2 << 20);
  if (!mnt) return;
  try {
    await withUserConfig(mnt.dir);
    const sites = await once(mnt.dir, 0);
    for (const [name, s] of Object.entries(sites)) assert.equal(s.error, undefined, `${name}: ${s.error}`);
    const old = await bytesOf(sites);
    const backups = (await readdir(join(mnt.dir, ".state", "aws-sso-sync", "backups"))).sort();
    await mnt.leaveFree(0);
    const full = await once(mnt.dir, 1);
    for (const [name, s] of Object.entries(full)) {
      assert.deepEqual(await readFile(s.path), old.get(name), `${name} changed on a full disk`);
      // The daemon logs a state file it cannot write (status is informational); every other site throws.
      if (name !== "daemon") assert.match(s.error ?? "", /ENOSPC/, name);
    }
    assert.deepEqual(await tempFiles(mnt.dir), []);
    assert.deepEqual((await readdir(join(mnt.dir, ".state", "aws-sso-sync", "backups"))).sort(), backups);
  } finally {
    await mnt.unmount();
  }
});

test("kill -9 at random moments: every file and backup is one of the two versions", async () => {
  const HOMES = 4;
  const KILLS_PER_HOME = 4; // 16 kills in all; the homes run side by side to keep within a minute
  const rand = random(20261201);
  const delays = Array.from({ length: HOMES * KILLS_PER_HOME }, () => Math.floor(rand() * 300));
  let newSeen = 0;
  const iniVersions: Buffer[] = [];
  await Promise.all(
    Array.from({ length: HOMES }, async (_, h) => {
      const home = await tempHome();
      try {
        await withUserConfig(home.home);
        const sites = await once(home.home, 1);
        const fresh = await bytesOf(sites);
        const old = await bytesOf(await once(home.home, 0));
        const ini = sites.ini?.path ?? "";
        if (h === 0) iniVersions.push(fresh.get("ini") ?? Buffer.alloc(0), old.get("ini") ?? Buffer.alloc(0));
        const shell = sites.whole?.path ?? "";
        const backupDir = join(home.home, ".state", "aws-sso-sync", "backups");
        const backupOk = new Map([
          [backupPrefix(ini), [USER, old.get("ini"), fresh.get("ini")]],
          [backupPrefix(shell), [old.get("whole"), fresh.get("whole")]],
        ]);
        for (let k = 0; k < KILLS_PER_HOME; k++) {
          const child = start(home.home, ["loop"]);
          const exited = new Promise((r) => child.on("close", r));
          await new Promise<void>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error("the writer never got ready")), 45_000);
            child.stdout.setEncoding("utf8").on("data", (d: string) => {
              if (d.includes("ready")) {
                clearTimeout(timer);
                resolve();
              }
            });
          });
          await new Promise((r) => setTimeout(r, delays[h * KILLS_PER_HOME + k]));
          child.kill("SIGKILL");
          await exited;
          for (const [name, s] of Object.entries(sites)) {
            const now = await readFile(s.path);
            const isOld = now.equals(old.get(name) ?? Buffer.alloc(0));
            const isNew = now.equals(fresh.get(name) ?? Buffer.alloc(0));
            assert.ok(isOld || isNew, `${name}: ${now.length} bytes, neither version (kill ${h}/${k})`);
            if (isNew) newSeen++;
          }
          for (const name of await readdir(backupDir)) {
            if (!name.endsWith(".bak")) continue;
            const ok = [...backupOk].find(([prefix]) => name.startsWith(prefix))?.[1] ?? [];
            const text = await readFile(join(backupDir, name));
            assert.ok(
              ok.some((c) => c !== undefined && text.equals(Buffer.isBuffer(c) ? c : Buffer.from(c))),
              `backup ${name} is neither version`,
            );
          }
        }
      } finally {
        await home.cleanup();
      }
    }),
  );
  assert.ok(newSeen > 0, "some kills came after a new version landed");
  if (botocoreSkip()) return;
  const dir = await tempHome();
  try {
    const files = await Promise.all(
      iniVersions.map(async (b, i) => {
        const f = join(dir.home, `config-${i}`);
        await writeFile(f, b);
        return f;
      }),
    );
    const py = spawnSync(
      "python3",
      [
        "-c",
        "import sys, botocore.configloader as c\nfor f in sys.argv[1:]: print(len(c.load_config(f)['profiles']))",
        ...files,
      ],
      { encoding: "utf8" },
    );
    assert.equal(py.status, 0, py.stderr);
    assert.deepEqual(py.stdout.trim().split("\n").map(Number), [251, 151], "botocore loads both versions");
  } finally {
    await dir.cleanup();
  }
});
