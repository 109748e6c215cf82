// Typed errors. Every module throws these; the CLI boundary (src/cli/main.ts) is the only place that
// turns them into a message and an exit code. `hint` tells the user how to fix it.

/** Documented exit codes (docs/cli.md). */
export const ExitCode = {
  ok: 0,
  failure: 1,
  usage: 2,
  config: 3,
  loginNeeded: 4,
  network: 5,
  partial: 6,
  locked: 7,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export class AppError extends Error {
  readonly exitCode: ExitCodeValue;
  readonly hint: string | undefined;
  constructor(message: string, opts: { exitCode?: ExitCodeValue; hint?: string; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = new.target.name;
    this.exitCode = opts.exitCode ?? ExitCode.failure;
    this.hint = opts.hint;
  }
}

/** The config file (or a template it names) is invalid; `problems` lists every one found. */
export class ConfigError extends AppError {
  readonly problems: readonly string[];
  constructor(message: string, problems: readonly string[] = [], hint?: string) {
    super(message, { exitCode: ExitCode.config, ...(hint === undefined ? {} : { hint }) });
    this.problems = problems;
  }
}

/**
 * Why a session needs a login, as data: callers (the daemon, status) read `code`, people read `text`.
 * no-token: no cache file; cache-unusable: the file cannot be used; no-refresh-token, no-registration,
 * registration-expired: the token cannot be refreshed and is (about to be) expired; session-ended: the
 * refresh grant was refused (invalid_grant / invalid_client); token-rejected: the portal refused the
 * access token; refresh-failing: the token expired while refreshes keep failing (the daemon retries).
 */
export const LOGIN_REASON_CODES = [
  "no-token",
  "cache-unusable",
  "no-refresh-token",
  "no-registration",
  "registration-expired",
  "session-ended",
  "token-rejected",
  "refresh-failing",
] as const;
export type LoginReasonCode = (typeof LOGIN_REASON_CODES)[number];

export interface LoginReason {
  code: LoginReasonCode;
  text: string;
}

/** No usable token: the user must run `aws-sso-sync login`. */
export class LoginNeededError extends AppError {
  readonly session: string;
  readonly reason: LoginReason;
  constructor(session: string, reason: LoginReason) {
    super(`session "${session}": login needed (${reason.text})`, {
      exitCode: ExitCode.loginNeeded,
      hint: `run: aws-sso-sync login --session ${session}`,
    });
    this.session = session;
    this.reason = reason;
  }
}

/** Socket errors that mean no connection was made: the endpoint "could not be reached" (exit 5). */
const UNREACHABLE_CODES: ReadonlySet<string> = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
]);

/** Whether `err` (or an error it wraps) is one of UNREACHABLE_CODES. */
export function neverConnected(err: unknown): boolean {
  let e: unknown = err;
  for (let depth = 0; e !== null && typeof e === "object" && depth < 8; depth++) {
    const { code, cause } = e as { code?: unknown; cause?: unknown };
    if (typeof code === "string" && UNREACHABLE_CODES.has(code)) return true;
    e = cause;
  }
  return false;
}

/**
 * The Identity Center endpoint could not be reached, or was reached and hung or answered wrongly. Exit 5
 * (docs/cli.md) only when `cause` shows no connection was made; a server that accepted the request was
 * reached: 1 for a login, and a sync keeps that session's profiles and exits 6. Decided here, where the
 * error is made, so login, sync and the daemon agree.
 */
export class NetworkError extends AppError {
  constructor(message: string, opts: { hint?: string; cause?: unknown } = {}) {
    super(message, { exitCode: neverConnected(opts.cause) ? ExitCode.network : ExitCode.failure, ...opts });
  }
}

/** Another aws-sso-sync process holds the lock for this config. */
export class LockedError extends AppError {
  constructor(message: string, hint?: string) {
    super(message, { exitCode: ExitCode.locked, ...(hint === undefined ? {} : { hint }) });
  }
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

/**
 * The lines that describe an error in a list of problems: a ConfigError's own problems, else its message
 * with the hint in brackets. The one rule for sync results, validate, render and the daemon's reloads.
 */
export function problemsOf(err: unknown): string[] {
  if (err instanceof ConfigError && err.problems.length > 0) return [...err.problems];
  return [messageWithHint(err)];
}

/** An error's message with its hint in brackets: a failed session's line in a sync, or a problem line. */
export function messageWithHint(err: unknown): string {
  const hint = err instanceof AppError && err.hint ? ` (${err.hint})` : "";
  return `${errorMessage(err)}${hint}`;
}
