// The write lock: held while managed files are planned and written, by the daemon and by a hand-run
// `sync` alike, so their writes never interleave and neither plans against a file the other is replacing.
// `writing()` tells the daemon's signal handler whether a write is under way (then it waits for it).
import type { Env } from "../paths.ts";
import { writeLockPath } from "./files.ts";
import { acquireLock } from "./lock.ts";

/** Long enough for any real write phase; a dead holder is taken over at once anyway. */
const WAIT_MS = 60_000;

let active = 0;

export function writing(): boolean {
  return active > 0;
}

export async function withWriteLock<T>(env: Env, fn: () => Promise<T>, waitMs = WAIT_MS): Promise<T> {
  const held = await acquireLock(writeLockPath(env), {
    what: `writing managed files (pid ${process.pid})`,
    waitMs,
  });
  active++;
  try {
    return await fn();
  } finally {
    active--;
    await held.release();
  }
}
