// Driving the real AWS CLI v2 (Debian 2.9.19 at /usr/bin/aws — `aws` on PATH is a pip CLI v1) and
// python3 botocore against the emulator, via AWS_DATA_PATH rulesets (docs/internals/emulator.md 2).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, isAbsolute, join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeAwsDataPath } from "../../src/emulator/index.ts";
import { childEnv, type TestEnv } from "./emulator.ts";

export const AWS_CLI = "/usr/bin/aws";
const PY_DIR = join(dirname(fileURLToPath(import.meta.url)), "py");

export function hasAwsCli(): boolean {
  return existsSync(AWS_CLI);
}

/**
 * For `test(name, { skip: awsCliSkip() }, …)`: a skip reason when /usr/bin/aws is missing, but under
 * CI=true a missing CLI is an error, so the suite fails instead of silently skipping.
 */
export function awsCliSkip(): string | false {
  if (hasAwsCli()) return false;
  if (process.env.CI === "true")
    throw new Error(`${AWS_CLI} is required when CI=true (apt-get install awscli)`);
  return `${AWS_CLI} not installed`;
}

let botocoreFound: boolean | undefined;

/** python3 on PATH can import botocore (pip boto3/botocore 1.43 on these machines). */
export function hasBotocore(): boolean {
  botocoreFound ??=
    spawnSync("python3", ["-c", "import botocore"], { stdio: "ignore", timeout: 20_000 }).status === 0;
  return botocoreFound;
}

/** Like awsCliSkip, for tests that run python3 botocore scripts. */
export function botocoreSkip(): string | false {
  if (hasBotocore()) return false;
  if (process.env.CI === "true")
    throw new Error("python3 with botocore is required when CI=true (pip install boto3)");
  return "python3 botocore not available";
}

const dataPaths = new Map<string, string>();
process.once("exit", () => {
  for (const dir of dataPaths.values()) rmSync(dir, { recursive: true, force: true });
});

/** A temp dir holding sso and sso-oidc endpoint rulesets whose default endpoint is `url` (one per url). */
export function awsDataPath(url: string): string {
  let dir = dataPaths.get(url);
  if (!dir) {
    dir = writeAwsDataPath(mkdtempSync(join(tmpdir(), "aws-data-path-")), url);
    dataPaths.set(url, dir);
  }
  return dir;
}

/** Env for /usr/bin/aws and python3 botocore: temp HOME, rulesets, endpoint vars, no pager/IMDS/prompt. */
export function awsCliEnv(home: string, url: string): TestEnv {
  return {
    HOME: home,
    XDG_CONFIG_HOME: join(home, ".config"),
    XDG_STATE_HOME: join(home, ".local", "state"),
    AWS_DATA_PATH: awsDataPath(url),
    // Newer botocore (pip 1.43) would also honour these; both routes lead to the same emulator.
    AWS_ENDPOINT_URL_SSO: url,
    AWS_ENDPOINT_URL_SSO_OIDC: url,
    AWS_CONFIG_FILE: undefined,
    AWS_SHARED_CREDENTIALS_FILE: undefined,
    AWS_PROFILE: undefined,
    AWS_DEFAULT_PROFILE: undefined,
    AWS_ACCESS_KEY_ID: undefined,
    AWS_SECRET_ACCESS_KEY: undefined,
    AWS_SESSION_TOKEN: undefined,
    AWS_ENDPOINT_URL: undefined,
    AWS_PAGER: "",
    AWS_CLI_AUTO_PROMPT: "off",
    AWS_EC2_METADATA_DISABLED: "true",
    PYTHONDONTWRITEBYTECODE: "1",
  };
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

export function run(cmd: string, args: string[], env: TestEnv, timeoutMs = 30_000): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: childEnv(env), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}

export function runAws(args: string[], env: TestEnv, timeoutMs?: number): Promise<RunResult> {
  return run(AWS_CLI, args, env, timeoutMs);
}

/** Runs python3 (boto3/botocore from pip) on `script`: a path, or a file name in test/support/py/. */
export function runPython(
  script: string,
  args: string[],
  env: TestEnv,
  timeoutMs?: number,
): Promise<RunResult> {
  const path = isAbsolute(script) ? script : join(PY_DIR, script);
  return run("python3", [path, ...args], env, timeoutMs);
}
