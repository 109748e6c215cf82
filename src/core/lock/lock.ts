// Locks are directories made by proper-lockfile (mkdir is atomic), whose holder refreshes the mtime;
// a lock untouched for STALE_MS is stale. That alone would make a daemon killed with SIGKILL block its
// successor for STALE_MS, so the holder also leaves an owner file (pid, host, the lock's inode and birth
// time): a lock whose owner is a dead process on this host is taken over at once. The identity check
// keeps an old owner file from ever condemning a newer lock, even one that reuses the inode; a random
// token per acquisition tells two owner files apart even when pid, time and inode are all the same.
// Release removes only what is still ours: proper-lockfile's unlock goes by path, not by holder.
// A holder whose lock is taken away (proper-lockfile: "compromised") sees its `signal` abort.
import { randomBytes } from "node:crypto";
import { mkdir, rename, rm, rmdir, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { dirname } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import lockfile from "proper-lockfile";
import { LockedError, errorMessage } from "../errors.ts";
import { log } from "../log/logger.ts";
import {
  describeOwner,
  identify,
  isAlive,
  ownerPath,
  ownsDir,
  readOwner,
  sameContent,
  sameDir,
  sameOwner,
  writeOwner,
  type LockId,
  type LockOwner,
} from "./owner.ts";

const STALE_MS = 30_000;

export interface HeldLock {
  path: string;
  /** Aborted when the lock is taken away from us: stop before (or instead of) writing anything more. */
  signal: AbortSignal;
  release(): Promise<void>;
}

export interface LockOptions {
  /** Shown to whoever finds the lock taken, e.g. "daemon for /home/me/.config/aws-sso-sync/config.yaml". */
  what: string;
  /** How long to wait for a held lock before giving up (default 0: fail at once). */
  waitMs?: number;
  /** Called (after `signal` aborts) when the lock is taken away from us. Default: log it. */
  onCompromised?: (err: Error) => void;
  /** Staleness period (default 30 s); the mtime is refreshed every half of it. Tests shorten it. */
  staleMs?: number;
}

const deadOwner = async (lock: string, id: LockId): Promise<LockOwner | undefined> => {
  const o = await readOwner(lock);
  return o && o.host === hostname() && ownsDir(o, id) && !isAlive(o.pid) ? o : undefined;
};

/**
 * Removes the lock when its owner file names a dead process on this host; true when it is gone.
 * Checking and removing cannot be one step, so of the waiters that find the same dead lock only the one
 * that creates its reap token (O_EXCL, named after the lock's identity) goes on; it checks again, renames
 * the directory away and removes it only if what moved is the very directory it checked.
 */
async function takeOverIfDead(lock: string): Promise<boolean> {
  const checked = await identify(lock);
  if (!checked) return true;
  if (!(await deadOwner(lock, checked))) return false;
  const token = `${lock}.reap-${checked.ino}-${checked.born}`;
  const mine = await writeFile(token, `${process.pid}\n`, { flag: "wx", mode: 0o600 }).then(
    () => true,
    () => false,
  );
  if (!mine) return false; // another waiter is reaping it; the next attempt sees the outcome
  try {
    const now = await identify(lock);
    if (!now) return true;
    const owner = sameDir(now, checked) ? await deadOwner(lock, now) : undefined;
    if (!owner) return false;
    // The dead owner's file goes while its directory still holds the path: no newer holder can have written
    // its own file yet (removed here, that holder could never free its lock), and none can match it later.
    if (sameContent(await readOwner(lock), owner)) await rm(ownerPath(lock), { force: true });
    const grave = `${lock}.stale-${process.pid}-${randomBytes(6).toString("hex")}`;
    await rename(lock, grave);
    const moved = await identify(grave);
    if (!moved || !sameDir(moved, checked)) {
      // Only a stale-period removal by proper-lockfile gets here: put the newer lock back. Should a third
      // lock exist already, leave it: the moved lock's holder finds its lock gone (compromised) and stops.
      if (moved && !(await identify(lock))) await rename(grave, lock).catch(() => undefined);
      return false;
    }
    await rmdir(grave).catch(() => undefined);
    log().info("stale lock removed", { file: lock, pid: owner.pid, holder: owner.what });
    return true;
  } finally {
    await rm(token, { force: true });
  }
}

async function attempt(
  lock: string,
  staleMs: number,
  onCompromised: (err: Error) => void,
): Promise<(() => Promise<void>) | null> {
  try {
    return await lockfile.lock(lock, { realpath: false, lockfilePath: lock, stale: staleMs, onCompromised });
  } catch (err) {
    // ENOENT: the new directory vanished under proper-lockfile's first checks (a takeover race); retry.
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ELOCKED" || code === "ENOENT") return null;
    throw err;
  }
}

export async function acquireLock(lock: string, opts: LockOptions): Promise<HeldLock> {
  await mkdir(dirname(lock), { recursive: true, mode: 0o700 });
  const staleMs = opts.staleMs ?? STALE_MS;
  const deadline = Date.now() + (opts.waitMs ?? 0);
  let delay = 25;
  for (;;) {
    const lost = new AbortController();
    let released = false;
    const onCompromised = (err: Error): void => {
      if (released) return; // noticed only after we let go (see release): nothing of ours is left to stop
      lost.abort(new LockedError(`${opts.what}: lock ${lock} lost (${errorMessage(err)})`));
      if (opts.onCompromised) opts.onCompromised(err);
      else
        log().error("lock lost", {
          file: lock,
          error: errorMessage(err),
          effect: "stopping what it guarded",
        });
    };
    let release = await attempt(lock, staleMs, onCompromised);
    if (!release && (await takeOverIfDead(lock))) release = await attempt(lock, staleMs, onCompromised);
    if (release) {
      const id = await identify(lock);
      // Gone already (a takeover race): returned with its signal aborted, so the caller stops at once.
      if (!id) onCompromised(new Error("the lock directory vanished as it was taken"));
      const owner: LockOwner = {
        pid: process.pid,
        host: hostname(),
        ino: Number(id?.ino ?? 0),
        born: String(id?.born ?? ""),
        what: opts.what,
        since: new Date().toISOString(),
        token: randomBytes(8).toString("hex"),
      };
      if (id) await writeOwner(lock, owner);
      const free = release;
      return {
        path: lock,
        signal: lost.signal,
        async release() {
          released = true;
          // Owner file first: a crash in between leaves a lock without owner, which only ages out. Once the
          // lock was lost, the owner file may be the new holder's: only ours is removed.
          const mine = sameOwner(await readOwner(lock), owner);
          if (mine) await rm(ownerPath(lock), { force: true });
          // proper-lockfile's unlock finds its lock by path, not by holder, and removes whatever directory is
          // there: after a loss it has not noticed yet, that is the new holder's. Only free our own.
          // The directory is ours when inode and birth time match; without a birth time the inode alone
          // could be a reused one, so our owner file must vouch for it too.
          const now = await identify(lock);
          const strong = owner.born !== "" && owner.born !== "0";
          if (now && ownsDir(owner, now) && (mine || strong)) await free().catch(() => undefined);
        },
      };
    }
    if (Date.now() >= deadline) {
      const holder = describeOwner(await readOwner(lock));
      throw new LockedError(
        `${opts.what}: locked by ${holder}`,
        `wait for it to finish, or stop it; the lock is ${lock}`,
      );
    }
    await sleep(delay);
    delay = Math.min(delay * 2, 250);
  }
}
