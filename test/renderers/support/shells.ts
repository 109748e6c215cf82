// Real shells for the shell renderer's tests. bash, zsh and fish must exist under CI=true (the suite fails,
// it does not skip); pwsh is optional everywhere and skipped with a message when missing.
import { spawnSync } from "node:child_process";
import type { Shell } from "../../../src/renderers/shell/names.ts";
import { run, type RunResult } from "../../support/aws-cli.ts";
import type { TestEnv } from "../../support/emulator.ts";

const BIN: Record<Shell, string> = { bash: "bash", zsh: "zsh", fish: "fish", pwsh: "pwsh" };

export function hasShell(shell: Shell): boolean {
  return (
    spawnSync(BIN[shell], shell === "pwsh" ? ["-NoProfile", "-Command", "exit 0"] : ["-c", "exit 0"], {
      stdio: "ignore",
    }).status === 0
  );
}

/** For `test(name, { skip: shellSkip(s) }, …)`. Throws under CI=true when bash, zsh or fish is missing. */
export function shellSkip(shell: Shell): string | false {
  if (hasShell(shell)) return false;
  if (shell !== "pwsh" && process.env.CI === "true")
    throw new Error(`${shell} is required when CI=true (apt-get install ${shell})`);
  return `${shell} not installed: skipped`;
}

/** Runs `script` in a clean, non-interactive shell (no rc files). */
export function runShell(shell: Shell, script: string, env: TestEnv, cwd?: string): Promise<RunResult> {
  const args: Record<Shell, string[]> = {
    bash: ["--norc", "--noprofile", "-c", script],
    zsh: ["-f", "-c", script],
    fish: ["--no-config", "-c", script],
    pwsh: ["-NoProfile", "-NonInteractive", "-Command", script],
  };
  const opts = cwd === undefined ? env : { ...env, PWD: cwd };
  return cwd === undefined
    ? run(BIN[shell], args[shell], opts, 20_000)
    : runIn(BIN[shell], args[shell], opts, cwd);
}

function runIn(cmd: string, args: string[], env: TestEnv, cwd: string): Promise<RunResult> {
  // The shells start in `cwd`, so a relative canary (touch x) would land where the test looks for it.
  return run("sh", ["-c", 'cd "$0" && exec "$@"', cwd, cmd, ...args], env, 20_000);
}
