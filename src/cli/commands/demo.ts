// `aws-sso-sync demo`: a full login and sync against the bundled emulator, in a throwaway home, using the
// real CLI in child processes exactly as a user would run it; then boto3 resolves credentials from the
// result, when python3 with boto3 is available.
import { spawn } from "node:child_process";
import { mkdtemp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Command } from "commander";
import { AppError, ExitCode } from "../../core/errors.ts";
import { startEmulator } from "../../emulator/index.ts";
import { demoOrg } from "../../demo/org.ts";
import { returnsCode } from "../exit.ts";

const self = [...process.execArgv, process.argv[1] ?? ""];

function run(args: string[], env: NodeJS.ProcessEnv, label: string): Promise<void> {
  process.stdout.write(`\n$ aws-sso-sync ${args.join(" ")}\n`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...self, ...args], {
      env,
      stdio: ["ignore", "inherit", "inherit"],
    });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new AppError(`demo: ${label} exited with ${code}`)),
    );
  });
}

/** Runs a command to completion without blocking the event loop (the emulator answers from this process). */
function capture(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", (err) => resolve({ status: null, stdout, stderr: err.message }));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

export function register(program: Command): void {
  program
    .command("demo")
    .description("log in and sync against the bundled Identity Center emulator in a temporary home")
    .option("--keep", "keep the emulator running afterwards (Ctrl-C to stop)")
    .action(
      returnsCode(async (opts: { keep?: boolean }, _cmd: Command) => {
        const emu = await startEmulator({ org: demoOrg, approval: { autoAfterPolls: 2 } });
        const home = await mkdtemp(join(tmpdir(), "aws-sso-sync-demo-"));
        try {
          await runDemo(home, emu.url);
          if (opts.keep) {
            const envLine = `HOME=${home} AWS_ENDPOINT_URL_SSO=${emu.url} AWS_ENDPOINT_URL_SSO_OIDC=${emu.url}`;
            process.stdout.write(
              `\nTry it while the emulator runs (Ctrl-C here stops it; the home ${home} is kept):\n  ${envLine} python3 -c "import boto3; print(boto3.Session(profile_name='staging.PowerUserAccess').get_credentials().access_key)"\n`,
            );
            await new Promise<void>((resolve) => {
              process.once("SIGINT", resolve);
              process.once("SIGTERM", resolve);
            });
          } else {
            process.stdout.write(
              `\nRemoved ${home} (run \`aws-sso-sync demo --keep\` to keep it and the emulator).\n`,
            );
          }
        } finally {
          await emu.close();
          // The home holds token files: it goes unless the user asked to keep it.
          if (!opts.keep) await rm(home, { recursive: true, force: true });
        }
        return ExitCode.ok;
      }),
    );
}

async function runDemo(home: string, url: string): Promise<void> {
  const configPath = join(home, ".config", "aws-sso-sync", "config.yaml");
  await mkdir(join(home, ".config", "aws-sso-sync"), { recursive: true });
  await writeFile(
    configPath,
    "sessions:\n  - name: demo\n    startUrl: https://d-1234567890.awsapps.com/start\n    region: eu-north-1\n    flow: device-code\n" +
      "outputs:\n  - renderer: aws-config\n  - renderer: shell\n    options: { shell: bash }\n",
  );
  await mkdir(join(home, ".aws"), { recursive: true });
  await writeFile(
    join(home, ".aws", "config"),
    "# my own profiles stay exactly as they are\n[profile mine]\nregion = us-east-1\n",
  );
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: join(home, ".config"),
    XDG_STATE_HOME: join(home, ".local", "state"),
    AWS_ENDPOINT_URL_SSO: url,
    AWS_ENDPOINT_URL_SSO_OIDC: url,
  };
  delete env.AWS_CONFIG_FILE;
  delete env.AWS_SSO_SYNC_CONFIG;
  process.stdout.write(
    `Emulator: ${url} (${demoOrg.accounts.length} accounts)\nHome: ${home}\n` +
      "The odd account names (quotes, $(…), brackets, non-ASCII) are deliberate hostile samples: every output must quote them safely.\n",
  );
  await run(["login", "--no-browser", "--device-code"], env, "login");
  await run(["sync"], env, "sync");
  await run(["status"], env, "status");
  process.stdout.write(
    `\n--- ${join(home, ".aws", "config")} ---\n${await readFile(join(home, ".aws", "config"), "utf8")}`,
  );
  const aliases = join(home, ".config", "aws-sso-sync", "shell", "aliases.bash");
  const shell = await capture(
    "bash",
    [
      "-c",
      `source "$1" && aws-sso-use production.AdministratorAccess && echo "bash: aws-sso-use set AWS_PROFILE=$AWS_PROFILE"`,
      "demo",
      aliases,
    ],
    env,
  );
  process.stdout.write(
    `\n${shell.status === 0 ? shell.stdout : `(bash check failed: ${shell.stderr.trim()})\n`}`,
  );
  const probe = await capture(
    "python3",
    [
      "-c",
      "import boto3,sys; c=boto3.Session(profile_name=sys.argv[1]).get_credentials(); print('boto3 resolved credentials for', sys.argv[1], '->', c.access_key[:4] + '…')",
      "production.AdministratorAccess",
    ],
    env,
  );
  if (probe.status === 0) process.stdout.write(`\n${probe.stdout}`);
  else
    process.stdout.write(
      `\n(boto3 check skipped: ${probe.stderr.trim().split("\n").pop() ?? "python3 not available"})\n`,
    );
}
