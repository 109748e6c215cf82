// Process signals: SIGTERM and SIGINT stop (the write in progress finishes first), SIGHUP reloads the
// config. A second stop signal while stopping exits at once: every managed file is replaced atomically,
// so even that cannot leave half a file behind.
export interface SignalActions {
  stop(signal: NodeJS.Signals): void;
  reload(): void;
}

/** Installs the handlers; returns a function that removes them. */
export function installSignalHandlers(actions: SignalActions): () => void {
  const onStop = (signal: NodeJS.Signals): void => actions.stop(signal);
  const onHup = (): void => actions.reload();
  process.on("SIGTERM", onStop);
  process.on("SIGINT", onStop);
  // Windows has no SIGHUP worth listening to; `aws-sso-sync` reloads on file changes there anyway.
  if (process.platform !== "win32") process.on("SIGHUP", onHup);
  return () => {
    process.off("SIGTERM", onStop);
    process.off("SIGINT", onStop);
    process.off("SIGHUP", onHup);
  };
}

/** The conventional exit code for a process ended by a signal it did not finish handling (128 + n). */
export function signalExitCode(signal: NodeJS.Signals): number {
  const numbers: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };
  return 128 + (numbers[signal] ?? 0);
}
