// Runs aws-sso-sync itself as a child process, exactly as a user would, from source (tsx).
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { childEnv, type TestEnv } from "./emulator.ts";

export const CLI_MAIN = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));
const ROOT = fileURLToPath(new URL("../../", import.meta.url));

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

export interface CliRun {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first stderr match (prompts and progress go to stderr). */
  waitForStderr(re: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  done: Promise<CliResult>;
}

export function startCli(args: string[], env: TestEnv, timeoutMs = 60_000): CliRun {
  return startProcess(process.execPath, ["--import", "tsx", CLI_MAIN, ...args], env, { timeoutMs });
}

/** Any program (bash running a README line, for one) with the CLI's environment and the same watching. */
export function startProcess(
  file: string,
  args: string[],
  env: TestEnv,
  { timeoutMs = 60_000, cwd = ROOT }: { timeoutMs?: number; cwd?: string } = {},
): CliRun {
  const child = spawn(file, args, {
    cwd,
    // No display unless a test asks for one (DISPLAY_FOR_TEST): on a developer's desktop `login` must
    // never open a real browser from a test.
    env: childEnv(env, {
      NODE_NO_WARNINGS: "1",
      DISPLAY: env.DISPLAY_FOR_TEST,
      WAYLAND_DISPLAY: undefined,
      DISPLAY_FOR_TEST: undefined,
    }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  let timedOut = false;
  const waiters: Array<() => void> = [];
  child.stdout?.setEncoding("utf8").on("data", (d: string) => (out += d));
  child.stderr?.setEncoding("utf8").on("data", (d: string) => {
    err += d;
    for (const w of waiters) w();
  });
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill("SIGKILL");
  }, timeoutMs);
  const done = new Promise<CliResult>((resolve) =>
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      for (const w of waiters) w();
      resolve({ code, signal, stdout: out, stderr: err, timedOut });
    }),
  );
  // A hang guard, not a measure: a CLI started from source under a loaded machine can take well over 15 s
  // to print its first line (the suite run twice beside two busy loops did), so by default it waits as
  // long as the whole run may take.
  const waitForStderr = (re: RegExp, ms = timeoutMs) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const t = setTimeout(
        () => reject(new Error(`no ${String(re)} on stderr within ${ms} ms:\n${err}`)),
        ms,
      );
      const check = () => {
        const m = re.exec(err);
        if (m) {
          clearTimeout(t);
          resolve(m);
        } else if (child.exitCode !== null) {
          clearTimeout(t);
          reject(new Error(`exited ${child.exitCode} before ${String(re)}:\n${err}`));
        }
      };
      waiters.push(check);
      check();
    });
  return { child, stdout: () => out, stderr: () => err, waitForStderr, done };
}

export function runCli(args: string[], env: TestEnv, timeoutMs?: number): Promise<CliResult> {
  return startCli(args, env, timeoutMs).done;
}
