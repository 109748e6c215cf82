// `aws-sso-sync login`: sign in once per session and share the token through ~/.aws/sso/cache.
// Prompts go to stderr, the outcome to stdout. Ctrl-C aborts the flow, writes nothing, and exits 130.
import { InvalidArgumentError, Option, type Command } from "commander";
import {
  canOpenBrowser,
  chooseFlow,
  login,
  LoginCancelledError,
  oidcTimeouts,
  openBrowser,
} from "../../core/auth/index.ts";
import { ExitCode } from "../../core/errors.ts";
import { loadCliConfig, selectSessions } from "../context.ts";
import { returnsCode } from "../exit.ts";

/** Ctrl-C during login (docs/cli.md), as a shell reports a process ended by SIGINT. */
const INTERRUPTED = 130;

interface LoginFlags {
  session?: string;
  deviceCode?: boolean;
  pkce?: boolean;
  browser: boolean;
  force?: boolean;
  timeout: number;
}

function seconds(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError("expected a whole number of seconds");
  return n;
}

export function register(program: Command): void {
  program
    .command("login")
    .description("sign in to IAM Identity Center; the token is shared with the AWS CLI and SDKs")
    .option("-s, --session <name>", "only this session (default: every configured session)")
    .addOption(new Option("--device-code", "use the device-code flow (a code to confirm)").conflicts("pkce"))
    .addOption(new Option("--pkce", "use the browser flow (authorization code with PKCE)"))
    .option("--no-browser", "print the URL instead of opening a browser")
    .option("-f, --force", "sign in again even when a valid token is cached")
    .option("--timeout <seconds>", "how long the browser flow waits for the redirect", seconds, 600)
    .action(
      returnsCode(async (flags: LoginFlags, cmd: Command) => {
        const { config } = await loadCliConfig(cmd);
        const sessions = selectSessions(config, flags.session);
        const abort = new AbortController();
        // First Ctrl-C cancels cleanly; a second one means "now".
        const onSigint = () => (abort.signal.aborted ? process.exit(INTERRUPTED) : abort.abort());
        process.on("SIGINT", onSigint);
        const say = (line: string) => process.stderr.write(`${line}\n`);
        const browser = flags.browser && canOpenBrowser() ? openBrowser : undefined;
        try {
          for (const session of sessions) {
            const flow = chooseFlow(session.flow, flags);
            const res = await login(session, {
              flow,
              force: flags.force ?? false,
              refreshLeadSeconds: config.refreshLeadSeconds,
              callbackTimeoutMs: flags.timeout * 1000,
              timeouts: oidcTimeouts(config.timeouts),
              io: { say, signal: abort.signal, ...(browser ? { openBrowser: browser } : {}) },
            });
            const until = res.expiresAt.toISOString().replace(/\.\d{3}Z$/, "Z");
            const line =
              res.action === "reused"
                ? `already logged in until ${until} (use --force to sign in again)`
                : res.action === "refreshed"
                  ? `token refreshed, valid until ${until}`
                  : `logged in until ${until} (${res.flow}); token saved to ${res.file}`;
            process.stdout.write(`session ${session.name}: ${line}\n`);
          }
          return ExitCode.ok;
        } catch (err) {
          if (!(err instanceof LoginCancelledError)) throw err;
          process.stderr.write(`aws-sso-sync: ${err.message}\n`);
          return INTERRUPTED;
        } finally {
          process.off("SIGINT", onSigint);
        }
      }),
    );
}
