// Locks are directories made by proper-lockfile (mkdir is atomic), whose holder refreshes the mtime;
// a lock untouched for STALE_MS is stale. That alone would make a daemon killed with SIGKILL block its
// successor for STALE_MS, so the holder also leaves an owner file (pid, host, the lock's inode): a lock
// whose owner is a dead process on this host is taken over at once. The inode check keeps an old owner
// file from ever condemning a newer lock.
import { mkdir, readFile, rm, rmdir, stat, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { dirname } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import lockfile from "proper-lockfile";
import { LockedError, errorMessage } from "../errors.ts";
import { log } from "../log/logger.ts";

const STALE_MS = 30_000;

export interface LockOwner {
  pid: number;
  host: string;
  ino: number;
  what: string;
  since: string;
}

export interface HeldLock {
  path: string;
  release(): Promise<void>;
}

export interface LockOptions {
  /** Shown to whoever finds the lock taken, e.g. "daemon for /home/me/.config/aws-sso-sync/config.yaml". */
  what: string;
  /** How long to wait for a held lock before giving up (default 0: fail at once). */
  waitMs?: number;
  /** Called when the lock is taken away from us (mtime not ours any more). Default: log it. */
  onCompromised?: (err: Error) => void;
}

const ownerPath = (lock: string): string => `${lock}.owner.json`;

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

export async function readOwner(lock: string): Promise<LockOwner | undefined> {
  try {
    const o = JSON.parse(await readFile(ownerPath(lock), "utf8")) as LockOwner;
    return typeof o.pid === "number" && typeof o.host === "string" ? o : undefined;
  } catch {
    return undefined;
  }
}

/** Removes the lock when its owner file names a dead process on this host; true when it is gone. */
async function takeOverIfDead(lock: string): Promise<boolean> {
  const st = await stat(lock).catch(() => undefined);
  if (!st) return true;
  const owner = await readOwner(lock);
  if (!owner || owner.host !== hostname() || owner.ino !== st.ino || isAlive(owner.pid)) return false;
  await rmdir(lock).catch(() => undefined);
  await rm(ownerPath(lock), { force: true });
  log().info(`removed a stale lock left by process ${owner.pid} (${owner.what})`, { lock });
  return true;
}

async function attempt(
  lock: string,
  onCompromised: (err: Error) => void,
): Promise<(() => Promise<void>) | null> {
  try {
    return await lockfile.lock(lock, { realpath: false, lockfilePath: lock, stale: STALE_MS, onCompromised });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ELOCKED") return null;
    throw err;
  }
}

export function describeOwner(owner: LockOwner | undefined): string {
  if (!owner) return "another aws-sso-sync process";
  const where = owner.host === hostname() ? "" : ` on ${owner.host}`;
  return `process ${owner.pid}${where} (${owner.what}, since ${owner.since})`;
}

export async function acquireLock(lock: string, opts: LockOptions): Promise<HeldLock> {
  await mkdir(dirname(lock), { recursive: true, mode: 0o700 });
  const onCompromised =
    opts.onCompromised ?? ((err: Error) => log().error(`lock ${lock} lost: ${errorMessage(err)}`));
  const deadline = Date.now() + (opts.waitMs ?? 0);
  let delay = 25;
  for (;;) {
    let release = await attempt(lock, onCompromised);
    if (!release && (await takeOverIfDead(lock))) release = await attempt(lock, onCompromised);
    if (release) {
      const owner: LockOwner = {
        pid: process.pid,
        host: hostname(),
        ino: (await stat(lock)).ino,
        what: opts.what,
        since: new Date().toISOString(),
      };
      await writeFile(ownerPath(lock), `${JSON.stringify(owner)}\n`, { mode: 0o600 });
      const free = release;
      return {
        path: lock,
        async release() {
          // Owner file first: a crash in between leaves a lock without owner, which only ages out.
          await rm(ownerPath(lock), { force: true });
          await free().catch(() => undefined);
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
