// A real daemon subprocess (`node --import tsx src/cli/main.ts daemon`) in a temp HOME, with helpers to
// wait for what it does. Every child is killed when the test file ends, whatever happened.
import { spawn, type ChildProcess } from "node:child_process";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { daemonFiles, readDaemonState, type DaemonState } from "../../src/core/daemon/index.ts";
import { CLI_MAIN } from "../support/cli.ts";
import { childEnv, type TestEnv } from "../support/emulator.ts";

export { logRecords, logged, type LogRecord } from "../support/log-records.ts";

const children = new Set<ChildProcess>();
after(() => {
  for (const c of children) c.kill("SIGKILL");
});
process.once("exit", () => {
  for (const c of children) c.kill("SIGKILL");
});

export interface DaemonProc {
  child: ChildProcess;
  /** Everything written to stderr so far (the daemon logs there, JSON lines). */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends a signal and waits for the exit (SIGKILL after `timeoutMs`). */
  stop(
    signal?: NodeJS.Signals,
    timeoutMs?: number,
  ): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function spawnDaemon(env: TestEnv, extra: string[] = []): DaemonProc {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", CLI_MAIN, "daemon", "--debounce", "100", ...extra],
    {
      env: childEnv(env),
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  children.add(child);
  let out = "";
  child.stdout?.setEncoding("utf8").on("data", (d: string) => (out += d));
  child.stderr?.setEncoding("utf8").on("data", (d: string) => (out += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on("exit", (code, signal) => {
      children.delete(child);
      resolve({ code, signal });
    });
  });
  return {
    child,
    output: () => out,
    exited,
    async stop(signal = "SIGTERM", timeoutMs = 10_000) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
      const r = await exited;
      clearTimeout(timer);
      return r;
    },
  };
}

/** Polls `check` until it returns a truthy value; fails with `what` and the daemon's output on timeout. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T> | T,
  timeoutMs = 10_000,
  proc?: DaemonProc,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for: ${what}${proc ? `\n--- daemon output ---\n${proc.output().slice(-4000)}` : ""}`,
      );
    }
    await sleep(100);
  }
}

export async function readText(path: string): Promise<string> {
  return readFile(path, "utf8").catch(() => "");
}

export async function daemonState(configFile: string, env: TestEnv): Promise<DaemonState | undefined> {
  const read = await readDaemonState(
    daemonFiles(configFile, env as Record<string, string | undefined>).state,
  );
  return read.kind === "ok" ? read.value : undefined;
}

/** Account ids named in the generated profiles of ~/.aws/config. */
export function accountIds(text: string): Set<string> {
  return new Set([...text.matchAll(/^sso_account_id = (\d{12})$/gm)].map((m) => m[1] ?? ""));
}

/** A fake notify-send that appends its arguments to `log`; returns the folder to put first on PATH. */
export async function fakeNotifySend(dir: string, log: string): Promise<string> {
  const bin = join(dir, "fake-bin");
  await mkdir(bin, { recursive: true });
  const script = join(bin, "notify-send");
  await writeFile(script, `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\n`);
  await chmod(script, 0o755);
  return bin;
}
