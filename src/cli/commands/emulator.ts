// `aws-sso-sync emulator`: runs the IAM Identity Center emulator in the foreground until SIGINT/SIGTERM,
// printing the URL and the env lines that point the SDKs at it. Drive it over /_emulator/ (control.ts).
import { shQuote } from "../../core/render/helpers.ts";
import type { Command } from "commander";
import { AppError, ExitCode } from "../../core/errors.ts";
import { generateOrg, loadOrgFile, startEmulator, writeAwsDataPath } from "../../emulator/index.ts";
import type { Approval, EmulatorOptions } from "../../emulator/index.ts";
import { returnsCode } from "../exit.ts";

interface Flags {
  org?: string;
  accounts?: string;
  port?: string;
  latency?: string;
  rate?: string;
  errorRate?: string;
  emptyPages?: boolean;
  tokenTtl?: string;
  approveAfter?: string;
  manualApproval?: boolean;
  seed?: string;
  awsDataPath?: string;
}

function num(flag: string, value: string | undefined, opts: { int?: boolean; max?: number } = {}) {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (
    value.trim() === "" ||
    !Number.isFinite(n) ||
    n < 0 ||
    (opts.int && !Number.isInteger(n)) ||
    n > (opts.max ?? Infinity)
  ) {
    throw new AppError(`--${flag}: invalid value "${value}"`, {
      exitCode: ExitCode.usage,
      hint: `expected a ${opts.int ? "whole " : ""}number >= 0${opts.max !== undefined ? ` and <= ${opts.max}` : ""}`,
    });
  }
  return n;
}

async function toOptions(f: Flags): Promise<EmulatorOptions> {
  if (f.org && f.accounts) throw new AppError("use either --org or --accounts", { exitCode: ExitCode.usage });
  if (f.approveAfter && f.manualApproval) {
    throw new AppError("use either --approve-after or --manual-approval", { exitCode: ExitCode.usage });
  }
  const seed = num("seed", f.seed, { int: true }) ?? 1;
  const org = f.org
    ? await loadOrgFile(f.org)
    : generateOrg(num("accounts", f.accounts, { int: true }) ?? 10, { seed });
  const rate = num("rate", f.rate);
  const approval: Approval = f.manualApproval
    ? "manual"
    : { autoAfterPolls: num("approve-after", f.approveAfter, { int: true }) ?? 2 };
  const opts: EmulatorOptions = { org, seed, approval, emptyPages: f.emptyPages === true };
  opts.port = num("port", f.port, { int: true, max: 65535 }) ?? 0;
  opts.latencyMs = num("latency", f.latency) ?? 0;
  opts.errorRate = num("error-rate", f.errorRate, { max: 1 }) ?? 0;
  opts.rateLimit = rate ? { perSecond: rate } : null;
  const ttl = num("token-ttl", f.tokenTtl, { int: true });
  if (ttl !== undefined) opts.accessTokenTtlSec = ttl;
  return opts;
}

function untilSignal(): Promise<string> {
  return new Promise((resolve) => {
    const on = (sig: string) => () => resolve(sig);
    process.once("SIGINT", on("SIGINT"));
    process.once("SIGTERM", on("SIGTERM"));
  });
}

export function register(program: Command): void {
  program
    .command("emulator")
    .description("run the local IAM Identity Center emulator (portal + OIDC) until interrupted")
    .option(
      "--org <file>",
      "organisation file (YAML or JSON: accounts with accountId, accountName, emailAddress, roles)",
    )
    .option("--accounts <n>", "generate an organisation with n accounts (default 10)")
    .option("--port <n>", "port on 127.0.0.1 (default: a free one)")
    .option("--latency <ms>", "delay added to every request")
    .option("--rate <n>", "portal requests per second before 429 TooManyRequestsException")
    .option("--error-rate <x>", "share (0..1) of portal requests that answer 500")
    .option("--empty-pages", "every list starts with an empty page that carries a nextToken")
    .option("--token-ttl <s>", "access-token lifetime in seconds (default 3600)")
    .option("--approve-after <n>", "approve device logins after n pending polls (default 2)")
    .option("--manual-approval", "device logins wait for POST /_emulator/approve")
    .option("--seed <n>", "seed for the generated org and injected errors (default 1)")
    .option(
      "--aws-data-path <dir>",
      "write endpoint rulesets for AWS CLI 2.9 / old botocore here (AWS_DATA_PATH)",
    )
    .action(
      returnsCode(async (flags: Flags, _cmd: Command) => {
        const emu = await startEmulator(await toOptions(flags));
        const out = process.stdout;
        out.write(
          `IAM Identity Center emulator on ${emu.url} (${emu.options.org.accounts.length} accounts)\n`,
        );
        // export lines, so they can be pasted into a shell or taken with eval "$(… | grep ^export)".
        out.write(`export AWS_ENDPOINT_URL_SSO=${emu.url}\nexport AWS_ENDPOINT_URL_SSO_OIDC=${emu.url}\n`);
        if (flags.awsDataPath)
          out.write(`export AWS_DATA_PATH=${shQuote(writeAwsDataPath(flags.awsDataPath, emu.url))}\n`);
        out.write(
          `Control: ${emu.url}/_emulator/{counters,approve,deny,revoke,configure,org}. Ctrl-C stops.\n`,
        );
        const sig = await untilSignal();
        await emu.close();
        process.stderr.write(`emulator stopped (${sig})\n`);
        return ExitCode.ok;
      }),
    );
}
