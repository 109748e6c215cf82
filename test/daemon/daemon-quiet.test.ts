// An unchanged daemon cycle writes nothing: no managed file, no discovery state, no output records; only
// the daemon's own state file, once per cycle (the status `aws-sso-sync status` shows). Every regular file
// under the temp home is compared before and after a few unchanged cycles (inode, size, mtime), and every
// atomic write into the state folder is counted by its unique temp file name (inotify sees each one).
import assert from "node:assert/strict";
import { watch, type FSWatcher } from "node:fs";
import { lstat, mkdir, readdir } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { daemonFiles } from "../../src/core/daemon/index.ts";
import { stateDir } from "../../src/core/paths.ts";
import { generateOrg } from "../../src/emulator/index.ts";
import { baseConfig, syncFixture, type SyncFixture } from "../support/sync-fixture.ts";
import { daemonState, spawnDaemon, waitFor, type DaemonProc } from "./support.ts";

/** path -> "inode size mtime" of every regular file under `dir`. */
async function listing(dir: string, out = new Map<string, string>()): Promise<Map<string, string>> {
  for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const p = join(dir, e.name);
    if (e.isDirectory()) await listing(p, out);
    else if (e.isFile()) {
      const st = await lstat(p).catch(() => undefined);
      if (st) out.set(p, `${st.ino} ${st.size} ${st.mtimeMs}`);
    }
  }
  return out;
}

describe("daemon: an unchanged cycle writes nothing", { timeout: 120_000 }, () => {
  let fx: SyncFixture;
  let d: DaemonProc;
  let watcher: FSWatcher | undefined;

  before(async () => {
    fx = await syncFixture(generateOrg(5, { seed: 4 }), `${baseConfig}schedule: "*/1 * * * * *"\n`);
    await mkdir(stateDir(fx.env), { recursive: true });
    d = spawnDaemon(fx.env);
  });
  after(async () => {
    watcher?.close();
    await d.stop("SIGKILL");
    await fx.cleanup();
  });

  const runs = async (): Promise<number> => (await daemonState(fx.configFile, fx.env))?.counts.runs ?? 0;

  test("only the daemon state file changes, at most once per cycle", async () => {
    // The startup run writes the outputs; the next one finds nothing to change.
    await waitFor("two finished runs", async () => (await runs()) >= 2, 30_000, d);
    const temps = new Map<string, Set<string>>();
    watcher = watch(stateDir(fx.env), (_event, name) => {
      const m = name ? /^\.(.+)\.[0-9a-f]{12}\.tmp$/.exec(name) : null;
      if (m?.[1]) temps.set(m[1], (temps.get(m[1]) ?? new Set()).add(name ?? ""));
    });
    const start = await runs();
    const before = await listing(fx.home);
    await waitFor("three more runs", async () => (await runs()) >= start + 3, 30_000, d);
    const afterRuns = await runs();
    const after = await listing(fx.home);
    watcher.close();

    const state = daemonFiles(fx.configFile, fx.env).state;
    const changed = [...after].filter(([p, v]) => before.get(p) !== v).map(([p]) => p);
    const gone = [...before.keys()].filter((p) => !after.has(p));
    assert.deepEqual(
      changed.filter((p) => p !== state),
      [],
      "files written by unchanged cycles",
    );
    assert.deepEqual(gone, [], "files removed by unchanged cycles");
    const stateName = state.slice(state.lastIndexOf("/") + 1);
    // The write lock is still taken every cycle (planning must read under it), so its small owner file is
    // written then; everything else that holds data is not.
    const others = [...temps]
      .filter(([name]) => name !== stateName && name !== "write.lock.owner.json")
      .map(([name]) => name);
    assert.deepEqual(others, [], "state files written by unchanged cycles");
    // One status update per cycle; a cycle may straddle each end of the window.
    const stateWrites = temps.get(stateName)?.size ?? 0;
    assert.ok(
      stateWrites <= afterRuns - start + 1,
      `${stateWrites} writes of the daemon state file in ${afterRuns - start} cycles`,
    );
  });
});
