// The write lock: held while managed files are planned and written, by the daemon and by a hand-run
// `sync` alike, so their writes never interleave and neither plans against a file the other is replacing.
// `writing()` tells the daemon's signal handler whether a write is under way (then it waits for it).
// Should the lock be taken away mid-way (compromised), fn's signal aborts so it can stop before its next
// write, and withWriteLock rejects: a write phase that lost its lock is never reported as done.
import type { Env } from "../paths.ts";
import { writeLockPath } from "./paths.ts";
import { acquireLock, type HeldLock } from "./lock.ts";

/** Long enough for any real write phase; a dead holder is taken over at once anyway. */
const WAIT_MS = 60_000;

let active = 0;

export function writing(): boolean {
  return active > 0;
}

export async function withWriteLock<T>(
  env: Env,
  fn: (signal: AbortSignal) => Promise<T>,
  waitMs = WAIT_MS,
): Promise<T> {
  const held = await acquireLock(writeLockPath(env), {
    what: `writing managed files (pid ${process.pid})`,
    waitMs,
  });
  return underLock(held, fn);
}

/** Runs fn while `held` is held and releases it after; rejects when the lock was lost on the way. */
export async function underLock<T>(held: HeldLock, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  active++;
  try {
    held.signal.throwIfAborted();
    const out = await fn(held.signal);
    held.signal.throwIfAborted();
    return out;
  } finally {
    active--;
    await held.release();
  }
}
