// A reload is all or nothing: when something the new config needs cannot be made (here its log file),
// the old runtime keeps running whole (schedule, watcher, logger) and the failure is recorded; once the
// cause is gone, the next edit is picked up by the still-running watcher and applied in full. A start
// that fails leaves nothing running behind it.
import assert from "node:assert/strict";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { after, before, describe, test } from "node:test";
import cron from "node-cron";
import { startDaemon, type RunningDaemon } from "../../src/core/daemon/daemon.ts";
import { daemonFiles } from "../../src/core/daemon/files.ts";
import { DaemonLoop } from "../../src/core/daemon/loop.ts";
import { buildRuntime } from "../../src/core/daemon/runtime.ts";
import { StateFile, initialState } from "../../src/core/state/daemon.ts";
import { logFilePath } from "../../src/core/log/logger.ts";
import { generateOrg } from "../../src/emulator/index.ts";
import { setProcessEnv } from "../support/emulator.ts";
import { baseConfig, syncFixture, type SyncFixture } from "../support/sync-fixture.ts";
import { daemonState, waitFor } from "./support.ts";
import { builtinRenderers } from "../../src/renderers/index.ts";

const OLD = "0 0 1 1 *";
const NEW = "0 0 2 1 *";
const config = (schedule: string, logFile: boolean) =>
  `${baseConfig}schedule: "${schedule}"\nlog:\n  file: ${logFile}\n`;

describe("daemon reload: prepared first, swapped only when everything is ready", { timeout: 60_000 }, () => {
  let fx: SyncFixture;
  let d: RunningDaemon | undefined;
  let restoreEnv: () => void = () => undefined;
  const state = () => daemonState(fx.configFile, fx.env);

  before(async () => {
    fx = await syncFixture(generateOrg(2, { seed: 3 }), config(OLD, false));
    // The SDK clients in this process read their endpoints from process.env: point them at the emulator.
    restoreEnv = setProcessEnv(fx.emu.env);
  });
  after(async () => {
    d?.stop();
    await d?.done;
    restoreEnv();
    await fx.cleanup();
  });

  test("a logger that cannot be made refuses the reload; the old runtime keeps running whole", async () => {
    d = await startDaemon({
      configFile: fx.configFile,
      env: fx.env,
      debounceMs: 100,
      renderers: builtinRenderers,
    });
    await waitFor("the startup sync", async () => ((await state())?.counts.runs ?? 0) >= 1);
    // The log folder's place is taken by a file: making the new config's file logger throws.
    const logs = dirname(logFilePath(fx.env));
    await mkdir(dirname(logs), { recursive: true });
    await writeFile(logs, "not a folder");
    await fx.writeConfig(config(NEW, true));
    const failed = await waitFor("the reload to be refused", async () => {
      const s = await state();
      return s?.lastReload?.ok === false ? s : undefined;
    });
    assert.equal(failed.counts.reloadFailures, 1);
    assert.equal(failed.counts.reloads, 0);
    assert.equal(failed.schedule, OLD);
    assert.ok(failed.lastReload?.problems?.some((p) => /ENOTDIR|EEXIST|not a directory/i.test(p)));

    // The old watcher still runs: fixing the cause and saving again applies the edit in full.
    await rm(logs);
    await fx.writeConfig(config(NEW, true));
    const ok = await waitFor("the reload and the run it asks for", async () => {
      const s = await state();
      return s?.lastReload?.ok === true && s.lastRun?.trigger === "reload" && !s.running ? s : undefined;
    });
    assert.equal(ok.schedule, NEW);
    const next = new Date(ok.nextRun ?? "");
    assert.deepEqual([next.getMonth(), next.getDate()], [0, 2], "the new schedule is the one running");
  });
});

test("a start whose watcher fails leaves no schedule (and no token timers) running", async () => {
  const fx = await syncFixture(generateOrg(1, { seed: 4 }), config(OLD, false));
  try {
    const rt = await buildRuntime(fx.configFile, fx.env, builtinRenderers);
    const files = daemonFiles(fx.configFile, fx.env);
    const loop = new DaemonLoop(
      rt,
      new StateFile(join(dirname(files.state), "swap-test.json"), initialState(rt.file, rt.config.schedule)),
      fx.env,
      100,
      () => ({ commit: () => undefined, discard: () => undefined }),
      () => Promise.reject(new Error("no inotify watches left")),
    );
    const tasks = cron.getTasks().size;
    await assert.rejects(loop.start(), /no inotify watches left/);
    assert.equal(cron.getTasks().size, tasks, "a cron task was left running");
    await loop.stop();
  } finally {
    await fx.cleanup();
  }
});
