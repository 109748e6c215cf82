// `aws-sso-sync init`: writes a commented starter config at the config path (never over an existing
// file) and says what to run next. Without --start-url the URL is a placeholder that `validate` and
// every other command point at with its line, so a half-edited starter can never sync by accident.
import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import type { Command } from "commander";
import { starterConfig, starterProblems } from "../../core/config/starter.ts";
import { AppError, ExitCode } from "../../core/errors.ts";
import { writeFileAtomic } from "../../core/files/atomic-write.ts";
import { configFile } from "../../core/paths.ts";
import { globalOptions } from "../context.ts";
import { returnsCode } from "../exit.ts";

const PLACEHOLDER_URL = "EDIT-ME: your AWS access portal URL, like https://d-1234567890.awsapps.com/start";

interface Flags {
  startUrl?: string;
  region?: string;
  session: string;
}

export function register(program: Command): void {
  program
    .command("init")
    .description("write a commented starter config (never over an existing one) and say what to run next")
    .option("--start-url <url>", "your AWS access portal URL (sso_start_url)")
    .option("--region <region>", "the Identity Center region (sso_region)", "us-east-1")
    .option("--session <name>", "a name for this Identity Center instance", "my-sso")
    .action(
      returnsCode(async (flags: Flags, cmd: Command) => {
        const file = configFile(globalOptions(cmd).config);
        const session = {
          name: flags.session,
          startUrl: flags.startUrl ?? PLACEHOLDER_URL,
          region: flags.region ?? "us-east-1",
        };
        const problems = starterProblems(flags.startUrl ? session : { ...session, startUrl: "https://x" });
        if (problems.length > 0)
          throw new AppError(`init: ${problems.join("; ")}; nothing written`, {
            exitCode: ExitCode.usage,
            hint: "fix the option named above and run init again",
          });
        const text = starterConfig(session);
        await mkdir(dirname(file), { recursive: true, mode: 0o700 });
        try {
          // Whole or not at all (a full disk never leaves half a config), and never over an existing file.
          await writeFileAtomic(file, text, { mode: 0o600, exclusive: true, what: "the config file" });
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
          throw new AppError(`${file} exists; init never replaces a config`, {
            exitCode: ExitCode.usage,
            hint: "edit it, or pass --config <another file>",
          });
        }
        const next = flags.startUrl
          ? ["aws-sso-sync login", "aws-sso-sync sync"]
          : [`edit startUrl (and region) in ${file}`, "aws-sso-sync login", "aws-sso-sync sync"];
        process.stdout.write(`Wrote ${file}\nNext:\n${next.map((n) => `  ${n}`).join("\n")}\n`);
        return ExitCode.ok;
      }),
    );
}
