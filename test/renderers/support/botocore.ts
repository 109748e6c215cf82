// Runs support/botocore_check.py (python3 with boto3/botocore from pip) on a config file; under CI=true a
// missing python3 fails the suite instead of skipping.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { runPython } from "../../support/aws-cli.ts";
import type { TestEnv } from "../../support/emulator.ts";

const SCRIPT = fileURLToPath(new URL("./botocore_check.py", import.meta.url));

export interface BotocoreView {
  load_error?: string;
  profiles: string[];
  errors: Record<string, string>;
  resolved: Record<string, Record<string, string>>;
}

export function botocoreSkip(): string | false {
  const ok = spawnSync("python3", ["-c", "import boto3, botocore"], { stdio: "ignore" }).status === 0;
  if (ok) return false;
  if (process.env.CI === "true") throw new Error("python3 with boto3 is required when CI=true");
  return "python3 with boto3 not installed";
}

export async function botocoreView(configFile: string, env: TestEnv): Promise<BotocoreView> {
  const r = await runPython(SCRIPT, [configFile], {
    ...env,
    AWS_CONFIG_FILE: configFile,
    PYTHONDONTWRITEBYTECODE: "1",
  });
  if (r.code !== 0) throw new Error(`botocore_check.py failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as BotocoreView;
}
