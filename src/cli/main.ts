#!/usr/bin/env node
// The CLI entry point and the one boundary where errors become messages and exit codes.
import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { AppError, ConfigError, ExitCode } from "../core/errors.ts";
import { redactString } from "../core/log/redact.ts";
import { commandsFor } from "./commands/index.ts";
import { exitCodeOf } from "./exit.ts";

// The SDK warns on every run that its releases after January 2027 need Node 22. Our lockfile pins releases
// that support Node 20, so the warning is noise for our users (package.json engines says what we need).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

// A reader that closes early (`aws-sso-sync list | head -1`) has all it wants: end quietly with exit 0,
// as cat and grep do. Any other stream error is a real fault and keeps its message.
function quietOnClosedReader(stream: NodeJS.WriteStream): void {
  stream.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(ExitCode.ok);
    throw err;
  });
}
quietOnClosedReader(process.stdout);
quietOnClosedReader(process.stderr);

// package.json is two levels up from both src/cli/ and dist/cli/.
const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
  version: string;
};

/** The program for a command line (node and script first, as in process.argv). */
export async function buildProgram(argv: readonly string[]): Promise<Command> {
  const program = new Command("aws-sso-sync")
    .version(pkg.version)
    .description(
      "Keeps every AWS tool logged in and configured for every IAM Identity Center account and role.",
    )
    .option(
      "-c, --config <file>",
      "config file (default: $AWS_SSO_SYNC_CONFIG or ~/.config/aws-sso-sync/config.yaml)",
    )
    .option("--log-level <level>", "error | warn | info | debug")
    .showHelpAfterError()
    .exitOverride();
  // After the global options: which of them take a value tells where the command name is.
  for (const add of await commandsFor(program, argv.slice(2))) add(program);
  return program;
}

export function reportError(err: unknown, stderr: NodeJS.WritableStream = process.stderr): number {
  if (err instanceof CommanderError) {
    // commander already printed its message (and help for usage errors).
    if (err.code === "commander.helpDisplayed" || err.code === "commander.version") return ExitCode.ok;
    return err.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  }
  if (err instanceof AppError) {
    stderr.write(`aws-sso-sync: ${redactString(err.message)}\n`);
    if (err instanceof ConfigError) for (const p of err.problems) stderr.write(`  ${redactString(p)}\n`);
    if (err.hint) stderr.write(`  hint: ${redactString(err.hint)}\n`);
    return err.exitCode;
  }
  const text = err instanceof Error ? (err.stack ?? err.message) : String(err);
  stderr.write(`aws-sso-sync: unexpected error: ${redactString(text)}\n`);
  return ExitCode.failure;
}

export async function main(argv: string[] = process.argv): Promise<number> {
  try {
    const program = await buildProgram(argv);
    await program.parseAsync(argv);
    return exitCodeOf(program);
  } catch (err) {
    return reportError(err);
  }
}

// The one place the exit code is set: every command returns its own (exit.ts).
process.exitCode = await main();
