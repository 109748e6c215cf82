// Where the locks live, all in the state directory. The daemon lock is per config file (two daemons on
// two configs may run side by side); the write lock is per user, because two configs may well write the
// same ~/.aws/config.
import { join } from "node:path";
import { configId, stateDir, type Env } from "../paths.ts";

/** Held for a daemon's whole life: one daemon per config. */
export function daemonLockPath(configFile: string, env: Env = process.env): string {
  return join(stateDir(env), `daemon-${configId(configFile)}.lock`);
}

/** Held by any process (daemon or `sync`) while it plans and writes managed files. */
export function writeLockPath(env: Env = process.env): string {
  return join(stateDir(env), "write.lock");
}
