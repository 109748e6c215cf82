// Discovery is all or nothing per session: one account that still fails after retries fails the whole
// listing, and the caller keeps the session's previous model (nothing is pruned on partial data).
import { AppError, ExitCode } from "../errors.ts";

export interface DiscoveryFailure {
  operation: "ListAccounts" | "ListAccountRoles";
  /** Absent when ListAccounts itself failed (no account to blame). */
  accountId?: string | undefined;
  accountName?: string | undefined;
  reason: string;
  /** What to check beyond "fix the cause" (a wrong answer: the endpoint). */
  hint?: string;
  /** The endpoint was never reached (refused, DNS, no route, no answer). */
  unreachable?: boolean;
}

const UNREACHABLE_HINT =
  "check your network, the session's region, and AWS_ENDPOINT_URL_SSO if set; the profiles from the last good discovery of this session are kept";

const NAMED_IN_MESSAGE = 10;

function describe(f: DiscoveryFailure): string {
  if (f.accountId === undefined) return `${f.operation}: ${f.reason}`;
  const name = f.accountName ? ` (${f.accountName})` : "";
  return `${f.accountId}${name}: ${f.reason}`;
}

/** The listing of a session failed; `failures` names every failing account and why. */
export class DiscoveryError extends AppError {
  readonly session: string;
  readonly failures: readonly DiscoveryFailure[];
  readonly deadlineExceeded: boolean;

  constructor(
    session: string,
    failures: readonly DiscoveryFailure[],
    opts: { summary?: string; deadlineExceeded?: boolean; cause?: unknown } = {},
  ) {
    const listed = failures.slice(0, NAMED_IN_MESSAGE).map(describe);
    if (failures.length > NAMED_IN_MESSAGE) listed.push(`and ${failures.length - NAMED_IN_MESSAGE} more`);
    const summary = opts.summary ?? `${failures.length} account listing(s) failed`;
    const hints = [...new Set(failures.flatMap((f) => (f.hint ? [f.hint] : [])))];
    // Nothing answered at all: a network problem (exit 5, docs/cli.md), with one hint that says so.
    const unreachable = failures.length > 0 && failures.every((f) => f.unreachable);
    super(
      `session "${session}": discovery failed, ${summary}${listed.length ? `: ${listed.join("; ")}` : ""}`,
      {
        exitCode: unreachable ? ExitCode.network : ExitCode.partial,
        hint: unreachable
          ? UNREACHABLE_HINT
          : [
              "the profiles from the last good discovery of this session are kept; fix the cause above and sync again",
              ...hints,
            ].join("; "),
        cause: opts.cause,
      },
    );
    this.session = session;
    this.failures = failures;
    this.deadlineExceeded = opts.deadlineExceeded ?? false;
  }
}
