// What both interactive flows share: how they talk to the user, cancellation, and the token they return.
import { AppError } from "../errors.ts";
import type { OidcTimeouts } from "./oidc-call.ts";

export interface FlowIo {
  /** Prompts and progress for the user (the CLI sends them to stderr). */
  say(line: string): void;
  /** Opens a URL in a browser; absent when the browser must not be opened. */
  openBrowser?: (url: string) => Promise<void>;
  /** Aborting (Ctrl-C) stops the flow with LoginCancelledError; nothing is written. */
  signal?: AbortSignal;
  /** Replaces the wait between device-code polls (tests record the intervals instead of waiting). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** What a flow runs with: the user's side plus the limits of every OIDC call (the config's `timeouts`). */
export type FlowRun = FlowIo & { timeouts: OidcTimeouts };

/** A CreateToken answer, reduced to what the cache stores. */
export interface TokenGrant {
  accessToken: string;
  expiresIn: number;
  refreshToken?: string;
}

/** The user interrupted the login (Ctrl-C). The CLI exits 130 on it. */
export class LoginCancelledError extends AppError {
  constructor() {
    super("login cancelled; nothing was written");
  }
}

/** The login ran but did not produce a token (denied, expired, state mismatch, timeout). */
export class LoginFailedError extends AppError {
  constructor(message: string, hint: string) {
    super(message, { hint });
  }
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new LoginCancelledError();
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new LoginCancelledError());
    const onAbort = () => {
      clearTimeout(timer);
      reject(new LoginCancelledError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
