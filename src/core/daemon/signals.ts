// Process signals: SIGTERM and SIGINT stop (the write in progress finishes first), SIGHUP reloads the
// config. Stopping always ends the process: a second stop signal, or a graceful stop that takes longer
// than STOP_GRACE_MS, exits at once. Every managed file is replaced atomically, so even that cannot leave
// half a file behind. (A signal cannot interrupt running JavaScript; user hooks run under a time limit,
// src/core/render/hooks.ts, so the handlers always get to run.)
export interface SignalActions {
  stop(signal: NodeJS.Signals): void;
  reload(): void;
}

export const STOP_GRACE_MS = 20_000;

/** The conventional exit code for a process ended by a signal it did not finish handling (128 + n). */
export function signalExitCode(signal: NodeJS.Signals): number {
  const numbers: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };
  return 128 + (numbers[signal] ?? 0);
}

/**
 * SIGTERM/SIGINT: the first calls `onStop` and arms a timer that exits after `graceMs`; the second exits
 * at once (or, with `onAgain`, lets it decide). Returns a function that removes the handlers.
 */
export function installStopSignals(
  onStop: (signal: NodeJS.Signals) => void,
  opts: { graceMs?: number; onAgain?: (signal: NodeJS.Signals) => void } = {},
): () => void {
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  const handler = (signal: NodeJS.Signals): void => {
    if (stopping) {
      if (opts.onAgain) opts.onAgain(signal);
      else process.exit(signalExitCode(signal));
      return;
    }
    stopping = true;
    // Unref'd: a stop that finishes in time exits normally, never held up by this timer.
    timer = setTimeout(() => process.exit(signalExitCode(signal)), opts.graceMs ?? STOP_GRACE_MS).unref();
    onStop(signal);
  };
  process.on("SIGTERM", handler);
  process.on("SIGINT", handler);
  return () => {
    clearTimeout(timer);
    process.off("SIGTERM", handler);
    process.off("SIGINT", handler);
  };
}

/** The daemon's handlers (stop, reload); returns a function that removes them. */
export function installSignalHandlers(actions: SignalActions, graceMs = STOP_GRACE_MS): () => void {
  const onHup = (): void => actions.reload();
  // The daemon logs a second signal and exits on its own; the grace timer covers a stop that hangs.
  const uninstallStop = installStopSignals((s) => actions.stop(s), {
    graceMs,
    onAgain: (s) => actions.stop(s),
  });
  // Windows has no SIGHUP worth listening to; `aws-sso-sync` reloads on file changes there anyway.
  if (process.platform !== "win32") process.on("SIGHUP", onHup);
  return () => {
    uninstallStop();
    process.off("SIGHUP", onHup);
  };
}
