// Where the daemon keeps its own files, all in the state directory. The daemon lock and the state file are
// per config file (two daemons on two configs may run side by side); the write lock is per user, because
// two configs may well write the same ~/.aws/config.
import { createHash } from "node:crypto";
import { mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { stateDir, type Env } from "../paths.ts";

/** A short, stable id for a config file path. */
export function daemonId(configFile: string): string {
  return createHash("sha1").update(configFile, "utf8").digest("hex").slice(0, 12);
}

export interface DaemonFiles {
  /** Held for the daemon's whole life: one daemon per config. */
  lock: string;
  /** What `status` shows: last run, next run, counts, per-output results, token state. */
  state: string;
}

export function daemonFiles(configFile: string, env: Env = process.env): DaemonFiles {
  const id = daemonId(configFile);
  return { lock: join(stateDir(env), `daemon-${id}.lock`), state: join(stateDir(env), `daemon-${id}.json`) };
}

/** Held by any process (daemon or `sync`) while it plans and writes managed files. */
export function writeLockPath(env: Env = process.env): string {
  return join(stateDir(env), "write.lock");
}

/** The token cache folder as the AWS CLI makes it: parents with default modes, the folder itself 0700. */
export async function ensureCacheDir(dir: string): Promise<void> {
  await mkdir(dirname(dir), { recursive: true });
  await mkdir(dir, { mode: 0o700 }).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== "EEXIST") throw err;
  });
}
