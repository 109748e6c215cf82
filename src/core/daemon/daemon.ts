// The daemon: one runtime (config + compiled outputs) at a time, a schedule, a token keeper and a file
// watcher, all feeding one runner that never overlaps runs. Startup problems (locked, invalid config) are
// thrown as typed errors; after startup nothing but a stop signal ends it.
import { LockedError, errorMessage, type ExitCodeValue } from "../errors.ts";
import { log, type LogLevel } from "../log/logger.ts";
import { ssoCacheDir, type Env } from "../paths.ts";
import { daemonFiles, ensureCacheDir } from "./files.ts";
import { acquireLock, type HeldLock } from "./lock.ts";
import { applyLogSettings, logSettings, type LogSettings } from "./logging.ts";
import { DaemonLoop } from "./loop.ts";
import { buildRuntime } from "./runtime.ts";
import { installSignalHandlers, signalExitCode } from "./signals.ts";
import { StateFile, initialState } from "./state.ts";

export interface DaemonOptions {
  configFile: string;
  env?: Env;
  /** --log-level: wins over the config's log.level, also after a reload. */
  logLevel?: LogLevel;
  /** Debounce for file events (tests shorten it). */
  debounceMs?: number;
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
    lock = await acquireLock(files.lock, { what: `daemon for ${opts.configFile}` });
  } catch (err) {
    if (err instanceof LockedError) {
      throw new LockedError(
        `a daemon is already running for ${opts.configFile} (${err.message.replace(/^.*: locked by /, "")})`,
        "stop it first (aws-sso-sync service uninstall, or kill the process named above)",
      );
    }
    throw err;
  }
  let parts: DaemonLoop;
  let settings: LogSettings;
  try {
    const runtime = await buildRuntime(opts.configFile, env);
    settings = logSettings(runtime.config, opts.logLevel, env);
    applyLogSettings(settings);
    for (const w of runtime.warnings) log().warn(`config: ${w}`);
    await ensureCacheDir(ssoCacheDir(env));
    const state = new StateFile(files.state, initialState(runtime.file, runtime.config.schedule));
    parts = new DaemonLoop(runtime, state, env, opts.debounceMs ?? 300, (next) => {
      const s = logSettings(next.config, opts.logLevel, env);
      applyLogSettings(s, settings);
      settings = s;
    });
    await parts.start();
  } catch (err) {
    await lock.release();
    throw err;
  }

  let stopping = false;
  let resolveDone: (code: number) => void = () => undefined;
  const done = new Promise<number>((r) => (resolveDone = r));
  const uninstall = installSignalHandlers({
    stop: (signal) => stop(signal),
    reload: () => parts.reload("SIGHUP"),
  });
  const onRejection = (err: unknown): void => {
    log().error(`unexpected error (the daemon keeps running): ${errorMessage(err)}`);
  };
  process.on("unhandledRejection", onRejection);

  function stop(signal?: NodeJS.Signals): void {
    if (stopping) {
      log().warn(`${signal ?? "stop"} again: exiting without waiting (every file is written atomically)`);
      resolveDone(signal ? signalExitCode(signal) : 1);
      return;
    }
    stopping = true;
    log().info(`stopping${signal ? ` (${signal})` : ""}: letting a write in progress finish`);
    void parts
      .stop()
      .catch((err: unknown) => log().error(`while stopping: ${errorMessage(err)}`))
      .then(() => lock.release())
      .finally(() => {
        uninstall();
        process.off("unhandledRejection", onRejection);
        log().info("stopped");
        resolveDone(0);
      });
  }

  log().info(`daemon started for ${opts.configFile} (pid ${process.pid}), schedule "${parts.expression}"`);
  return { done, stop, reload: (reason) => parts.reload(reason) };
}
