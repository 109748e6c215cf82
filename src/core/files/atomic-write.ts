// The one writer behind every file of ours (managed files, token and registration cache, state, records,
// backups, service units): the target is replaced whole or not at all. A temp file in the target's own
// directory gets every byte (a loop over short writes), is fsynced and its size checked, takes the old
// file's mode and owner, and only then is renamed over the target; the directory is fsynced so the rename
// lasts. Any failure removes the temp file and leaves the target byte for byte as it was.
// Why not write-file-atomic: docs/internals/atomic-writes.md.
import { randomBytes } from "node:crypto";
import { channel } from "node:diagnostics_channel";
import { renameSync } from "node:fs";
import { link, open, rename, rm, type FileHandle } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { describeTarget, realTarget, WriteError, type Target } from "./write-target.ts";

export { WriteError } from "./write-target.ts";

/**
 * When a checked replace ran: `{ path, start, end }` on the monotonic clock (process.hrtime.bigint(), the
 * same clock in every process of the machine), from before the beforeRename check to after the rename.
 * Another program's rename inside that window is the one loss we cannot see (docs/internals/atomic-writes.md).
 */
export const checkedReplace = channel("aws-sso-sync:checked-replace");

export interface AtomicWriteOptions {
  /** The file's mode, also when it exists (as write-file-atomic did); omitted: an existing file keeps its
   *  own and a new one gets 0600. The owner of an existing file is always kept where we may (root). */
  mode?: number;
  /** What the file is, for messages ("the token cache file"); default "file". */
  what?: string;
  /**
   * Runs once the temp file is complete, right before the rename; a throw aborts (temp removed). It is
   * synchronous, and the rename after it too: no other work of this process can run between the check and
   * the rename, so the window in which another program's rename goes unseen is two system calls wide.
   */
  beforeRename?: (target: Target) => void;
  /** Never replace an existing file (backups): the name is taken with link(); an existing one is EEXIST. */
  exclusive?: boolean;
  /** false: skip both fsyncs. Only for files that mean nothing after a reboot (lock owner files), where
   *  the time the write takes matters more than surviving a power loss. Still whole or not at all. */
  durable?: boolean;
}

/** Writes `data` to `file` atomically; follows a symlink (also a dangling one) to the file it names. */
export async function writeFileAtomic(
  file: string,
  data: string | Buffer,
  opts: AtomicWriteOptions = {},
): Promise<void> {
  const what = opts.what ?? "file";
  const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
  const target = await realTarget(file, what);
  const dir = dirname(target.path);
  const temp = join(dir, `.${basename(target.path)}.${randomBytes(6).toString("hex")}.tmp`);
  let fh: FileHandle | undefined;
  let placed = false;
  try {
    fh = await open(temp, "wx", 0o600);
    await copyOwnerAndMode(fh, target, opts.mode);
    await writeAll(fh, bytes);
    if (opts.durable !== false) await fh.sync();
    const { size } = await fh.stat();
    // The size is what a short write (or a filesystem that lies about one) would have left wrong.
    if (size !== bytes.length)
      throw Object.assign(new Error(`${size} of ${bytes.length} bytes reached the disk`), { code: "EIO" });
    await fh.close();
    fh = undefined;
    if (opts.beforeRename) {
      const start = process.hrtime.bigint();
      opts.beforeRename(target);
      if (opts.exclusive) await link(temp, target.path);
      else renameSync(temp, target.path);
      if (checkedReplace.hasSubscribers)
        checkedReplace.publish({ path: target.path, start, end: process.hrtime.bigint() });
    } else if (opts.exclusive) await link(temp, target.path);
    else await rename(temp, target.path);
    placed = !opts.exclusive;
  } catch (err) {
    await fh?.close().catch(() => {});
    if (err instanceof WriteError || !(err instanceof Error) || !("code" in err)) throw err;
    throw await WriteError.from(
      err as NodeJS.ErrnoException,
      describeTarget(file, target),
      what,
      bytes.length,
      dir,
    );
  } finally {
    if (!placed) await rm(temp, { force: true }).catch(() => {});
  }
  if (opts.durable !== false) await fsyncDir(dir);
}

async function writeAll(fh: FileHandle, bytes: Buffer): Promise<void> {
  let done = 0;
  while (done < bytes.length) {
    const { bytesWritten } = await fh.write(bytes, done, bytes.length - done, done);
    // A write that moves nothing would loop forever; the kernel reports ENOSPC on the next call anyway.
    if (bytesWritten === 0) throw Object.assign(new Error("the disk took no more bytes"), { code: "ENOSPC" });
    done += bytesWritten;
  }
}

async function copyOwnerAndMode(fh: FileHandle, target: Target, mode: number | undefined): Promise<void> {
  const st = target.stat;
  if (st && (st.uid !== process.getuid?.() || st.gid !== process.getgid?.())) {
    // Owner first: chown may clear set-id bits. Only root may give a file away; others keep it theirs.
    await fh.chown(st.uid, st.gid).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== "EPERM" && err.code !== "EINVAL") throw err;
    });
  }
  await fh.chmod(mode ?? (st ? st.mode & 0o7777 : 0o600));
}

/** Makes a rename in `dir` survive a crash. Some filesystems refuse fsync on a directory: then it is only less durable. */
async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, "r").catch(() => undefined);
  try {
    await handle?.sync();
  } catch {
    // see above
  } finally {
    await handle?.close();
  }
}
