// The daemon part of `status`: running, stopped, or gone without stopping (a SIGKILLed daemon leaves a
// "running" state file behind), described in lines a person can read.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { daemonFiles } from "../../src/core/daemon/files.ts";
import { StateFile, initialState } from "../../src/core/state/daemon.ts";
import { daemonStatus, describeDaemon } from "../../src/core/daemon/daemon-status.ts";
import { tempHome, type TempHome } from "../support/emulator.ts";

let h: TempHome;
let cfg: string;
before(async () => {
  h = await tempHome();
  cfg = join(h.home, "config.yaml");
});
after(() => h.cleanup());

test("no state file: not started", async () => {
  const st = await daemonStatus(cfg, h.env);
  assert.equal(st.running, false);
  assert.match(describeDaemon(st).join("\n"), /not started for this config/);
});

test("a running daemon's state: last run, next run, tokens and outputs", async () => {
  const file = new StateFile(daemonFiles(cfg, h.env).state, initialState(cfg, "*/30 * * * *"));
  await file.update((s) => {
    s.lastRun = {
      trigger: "schedule",
      startedAt: "2026-01-01T00:00:00.000Z",
      finishedAt: "2026-01-01T00:00:01.000Z",
      durationMs: 1000,
      exitCode: 0,
      result: "ok",
    };
    s.nextRun = new Date(Date.now() + 60_000).toISOString();
    s.tokens = { acme: { state: "login-needed", refreshes: 3, reason: "refresh failed: invalid_grant" } };
    s.outputs = [{ name: "aws-config", file: "/h/.aws/config", status: "written", problems: [] }];
    s.counts.runs = 4;
  });
  const st = await daemonStatus(cfg, h.env);
  assert.equal(st.running, true);
  const text = describeDaemon(st).join("\n");
  assert.match(text, new RegExp(`daemon: running \\(pid ${process.pid}\\)`));
  assert.match(text, /last run: 2026-01-01T00:00:01.000Z .*schedule, ok in 1000 ms/);
  assert.match(text, /next run: .*\(in \d+ s\)/);
  assert.match(text, /token acme: login-needed \(refresh failed: invalid_grant\)/);
  assert.match(text, /output aws-config: written \/h\/.aws\/config/);
});

test("a state file whose process is gone is reported as such", async () => {
  const dead = spawnSync(process.execPath, [
    "-e",
    "process.stdout.write(String(process.pid))",
  ]).stdout.toString();
  const file = new StateFile(daemonFiles(cfg, h.env).state, {
    ...initialState(cfg, "* * * * *"),
    pid: Number(dead),
  });
  await file.update(() => undefined);
  const st = await daemonStatus(cfg, h.env);
  assert.deepEqual([st.running, st.stale], [false, true]);
  assert.match(describeDaemon(st)[0] ?? "", /not running \(pid \d+ is gone without stopping/);
  await file.update((s) => (s.status = "stopped"));
  assert.match(describeDaemon(await daemonStatus(cfg, h.env))[0] ?? "", /daemon: stopped/);
});

test("a state file of the wrong shape is reported as unusable, naming the file, instead of crashing", async () => {
  const path = daemonFiles(cfg, h.env).state;
  // What an older or interrupted writer could leave: the right format and pid, but no counts or lists.
  await writeFile(path, JSON.stringify({ format: 1, pid: process.pid, status: "running" }));
  const st = await daemonStatus(cfg, h.env);
  assert.deepEqual([st.running, st.stale, st.state], [false, false, undefined]);
  const text = describeDaemon(st).join("\n");
  assert.match(
    text,
    new RegExp(`daemon: unknown: the daemon state file ${path} is not usable: configFile: missing; `),
  );
  assert.match(text, /the daemon rewrites it when it runs/);
});
