// Runs aws-sso-sync itself as a child process, exactly as a user would, from source (tsx).
import { fileURLToPath } from "node:url";
import { run, type RunResult } from "./aws-cli.ts";
import type { TestEnv } from "./emulator.ts";

export const CLI_MAIN = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));

export function runCli(args: string[], env: TestEnv, timeoutMs = 60_000): Promise<RunResult> {
  return run(process.execPath, ["--import", "tsx", CLI_MAIN, ...args], env, timeoutMs);
}
