// Who holds a lock: the owner file beside the lock directory (pid, host, the directory's inode and birth
// time, a random token per acquisition), and the identity that tells one lock directory from a later one
// at the same path. An owner file is believed only for the directory it names.
import { stat } from "node:fs/promises";
import { hostname } from "node:os";
import { z } from "zod";
import { readJson, writeJson } from "../files/json.ts";

const LockOwnerSchema = z.object({
  pid: z.number().int(),
  host: z.string(),
  ino: z.number(),
  /** The lock directory's birth time (ns), when the file system records one. */
  born: z.string().optional(),
  what: z.string(),
  since: z.string(),
  /** Random per acquisition: pid, time and inode can all repeat (one process, one millisecond, a reused inode). */
  token: z.string().optional(),
});
export type LockOwner = z.infer<typeof LockOwnerSchema>;
const WHAT = "the lock owner file";

export const ownerPath = (lock: string): string => `${lock}.owner.json`;

/** What tells one lock directory from a later one at the same path (inodes are reused). */
export interface LockId {
  ino: bigint;
  born: bigint;
  mtime: bigint;
}

export async function identify(path: string): Promise<LockId | undefined> {
  const st = await stat(path, { bigint: true }).catch(() => undefined);
  return st && { ino: st.ino, born: st.birthtimeNs, mtime: st.mtimeNs };
}

export const sameDir = (a: LockId, b: LockId): boolean =>
  a.ino === b.ino && a.born === b.born && a.mtime === b.mtime;
export const ownsDir = (o: LockOwner, id: LockId): boolean =>
  o.ino === Number(id.ino) && (o.born === undefined || o.born === String(id.born));
export const sameOwner = (a: LockOwner | undefined, b: LockOwner): boolean =>
  !!a && a.token !== undefined && a.token === b.token && a.pid === b.pid && a.host === b.host;

/** The owner file still says what it said when checked (files of older versions have no token). */
export const sameContent = (a: LockOwner | undefined, b: LockOwner): boolean =>
  !!a && JSON.stringify(a) === JSON.stringify(b);

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The owner file, when there is one we can read; one that is not (half-written by an old version) names nobody. */
export async function readOwner(lock: string): Promise<LockOwner | undefined> {
  const read = await readJson(ownerPath(lock), LockOwnerSchema, { what: WHAT });
  return read.kind === "ok" ? read.value : undefined;
}

/**
 * Atomic: a waiter never reads half an owner file. Not fsynced: a SIGKILL between the lock's mkdir and
 * this file leaves a lock that names nobody and only ages out, so this should take as little time as it
 * can; after a reboot the file would mean nothing anyway (its pid is gone, or another process's).
 */
export async function writeOwner(lock: string, owner: LockOwner): Promise<void> {
  await writeJson(ownerPath(lock), LockOwnerSchema, owner, { what: WHAT, compact: true, durable: false });
}

export function describeOwner(owner: LockOwner | undefined): string {
  if (!owner) return "another aws-sso-sync process";
  const where = owner.host === hostname() ? "" : ` on ${owner.host}`;
  return `process ${owner.pid}${where} (${owner.what}, since ${owner.since})`;
}
