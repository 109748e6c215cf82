// The daemon: one runtime (config + compiled outputs) at a time, a schedule, a token keeper and a file
// watcher, all feeding one runner that never overlaps runs. Startup problems (locked, invalid config) are
// thrown as typed errors, with whatever had started stopped again; after startup only a stop signal ends
// it, or losing the daemon lock to another process (exit 7, as when it was locked at startup).
import { ExitCode, LockedError, errorMessage, type ExitCodeValue } from "../errors.ts";
import { closeLogger, createLogger, currentLogger, log, setLogger, type LogLevel } from "../log/logger.ts";
import { ssoCacheDir, type Env } from "../paths.ts";
import { ensureCacheDir } from "../auth/cache-dir.ts";
import { daemonFiles } from "./files.ts";
import { acquireLock, type HeldLock } from "../lock/index.ts";
import { applyLogSettings, logSettings, type LogSettings } from "./logging.ts";
import { DaemonLoop, type SwapStep } from "./loop.ts";
import type { RendererRegistry } from "../render/contract.ts";
import { buildRuntime } from "./runtime.ts";
import { installSignalHandlers, signalExitCode } from "./signals.ts";
import { StateFile, initialState } from "../state/daemon.ts";

export interface DaemonOptions {
  configFile: string;
  env?: Env;
  /** --log-level: wins over the config's log.level, also after a reload. */
  logLevel?: LogLevel;
  /** Debounce for file events (tests shorten it). */
  debounceMs?: number;
  /** The built-in renderers (src/renderers/index.ts), passed in by the command. */
  renderers: RendererRegistry;
}

export interface RunningDaemon {
  /** Resolves with the exit code once the daemon has stopped. */
  done: Promise<ExitCodeValue | number>;
  stop(signal?: NodeJS.Signals): void;
  reload(reason: string): void;
}

/** Starts the daemon in this process and installs its signal handlers. */
export async function startDaemon(opts: DaemonOptions): Promise<RunningDaemon> {
  const env = opts.env ?? process.env;
  const files = daemonFiles(opts.configFile, env);
  let lock: HeldLock;
  try {
    // Losing the lock is reported once, below, where the daemon stops.
    const what = `daemon for ${opts.configFile}`;
    lock = await acquireLock(files.lock, { what, onCompromised: () => undefined });
  } catch (err) {
    if (err instanceof LockedError) {
      throw new LockedError(
        `a daemon is already running for ${opts.configFile} (${err.message.replace(/^.*: locked by /, "")})`,
        "stop it first (aws-sso-sync service uninstall, or kill the process named above)",
      );
    }
    throw err;
  }
  let parts: DaemonLoop | undefined;
  let settings: LogSettings;
  try {
    const runtime = await buildRuntime(opts.configFile, env, opts.renderers);
    settings = logSettings(runtime.config, opts.logLevel, env);
    applyLogSettings(settings);
    for (const w of runtime.warnings) log().warn("config warning", { detail: w });
    await ensureCacheDir(ssoCacheDir(env));
    const state = new StateFile(files.state, initialState(runtime.file, runtime.config.schedule));
    parts = new DaemonLoop(runtime, state, env, opts.debounceMs ?? 300, (next) => {
      const s = logSettings(next.config, opts.logLevel, env);
      return swapLogger(s, settings, () => (settings = s));
    });
    await parts.start();
  } catch (err) {
    // Whatever started (schedule, token timers, watcher) must not go on without the lock.
    await parts?.stop().catch(() => undefined);
    await lock.release();
    throw err;
  }
  const loop = parts;

  let stopping = false;
  let resolveDone: (code: number) => void = () => undefined;
  const done = new Promise<number>((r) => (resolveDone = r));
  const uninstall = installSignalHandlers({
    stop: (signal) => stop(signal),
    reload: () => loop.reload("SIGHUP"),
  });
  const onRejection = (err: unknown): void => {
    log().error("unexpected error", { error: errorMessage(err), effect: "the daemon keeps running" });
  };
  process.on("unhandledRejection", onRejection);

  function stop(signal?: NodeJS.Signals, code: number = ExitCode.ok): void {
    if (stopping) {
      log().warn("exiting without waiting", { signal, effect: "every file is written atomically" });
      resolveDone(signal ? signalExitCode(signal) : 1);
      return;
    }
    stopping = true;
    log().info("stopping", { signal, effect: "letting a write in progress finish" });
    void loop
      .stop()
      .catch((err: unknown) => log().error("stop failed", { error: errorMessage(err) }))
      .then(() => lock.release())
      .finally(() => {
        uninstall();
        process.off("unhandledRejection", onRejection);
        log().info("stopped");
        resolveDone(code);
      });
  }
  // Another process took the lock over (it found ours stale): two daemons must not run on one config.
  const onLost = (): void => {
    log().error("daemon lock lost", {
      error: errorMessage(lock.signal.reason),
      effect: "stopping, another daemon may run for this config",
    });
    stop(undefined, ExitCode.locked);
  };
  if (lock.signal.aborted) onLost();
  else lock.signal.addEventListener("abort", onLost, { once: true });

  log().info("daemon started", { file: opts.configFile, pid: process.pid, schedule: loop.expression });
  return { done, stop, reload: (reason) => loop.reload(reason) };
}

/** A new logger for changed settings, made before the swap (it may throw) and put in place on commit. */
function swapLogger(next: LogSettings, prev: LogSettings, adopted: () => void): SwapStep {
  if (next.level === prev.level && next.file === prev.file)
    return { commit: adopted, discard: () => undefined };
  const made = createLogger({ level: next.level, ...(next.file ? { file: next.file } : {}) });
  return {
    commit() {
      const old = currentLogger();
      setLogger(made);
      adopted();
      void closeLogger(old);
    },
    discard: () => closeLogger(made),
  };
}
