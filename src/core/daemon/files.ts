// Where the daemon keeps its own files, all in the state directory and per config file (two daemons on
// two configs may run side by side).
import { join } from "node:path";
import { daemonLockPath } from "../lock/paths.ts";
import { configId, stateDir, type Env } from "../paths.ts";

export interface DaemonFiles {
  /** Held for the daemon's whole life: one daemon per config. */
  lock: string;
  /** What `status` shows: last run, next run, counts, per-output results, token state. */
  state: string;
}

export function daemonFiles(configFile: string, env: Env = process.env): DaemonFiles {
  return {
    lock: daemonLockPath(configFile, env),
    state: join(stateDir(env), `daemon-${configId(configFile)}.json`),
  };
}
