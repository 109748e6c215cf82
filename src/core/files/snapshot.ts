// A managed file as it was read, with its descriptor kept open. No lock exists that other tools honour,
// so concurrent writers are detected instead (docs/internals/atomic-writes.md): before our rename the path
// must still be the inode we read; after it, the old inode is read again through the kept descriptor, and
// whatever another program wrote into it after our read is planned into a new write.
import { constants, statSync, type Stats } from "node:fs";
import { open, type FileHandle } from "node:fs/promises";
import { AppError } from "../errors.ts";
import { WriteError } from "./write-target.ts";

export interface Snapshot {
  /** The text read; null when the file does not exist. */
  text: string | null;
  /** The inode read (undefined: no file). */
  stat: Stats | undefined;
  /** The old inode's text now (through the kept descriptor): `text` itself when unchanged; null: no file. */
  reread(): Promise<string | null>;
  /**
   * Throws SnapshotMovedError when the path no longer is the inode read (or a file appeared). Synchronous,
   * so that the rename can follow it with nothing in between (atomic-write.ts beforeRename).
   */
  assertCurrent(path: string): void;
  close(): Promise<void>;
}

/** The path now names another file than the one read: plan again. */
export class SnapshotMovedError extends Error {}

/** Decodes strictly: a file that is not UTF-8 would be mangled by a rewrite. */
function decode(file: string, bytes: Buffer): string {
  try {
    // ignoreBOM keeps a byte-order mark as text, so it is written back as it was.
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new AppError(`${file} is not valid UTF-8; aws-sso-sync will not edit it`, {
      hint: "convert the file to UTF-8 or point this output at another file",
    });
  }
}

const CHUNK = 1 << 20;

/** The whole file from offset 0. `size` (from fstat) sizes the first buffer, so a file that did not grow
 * is read into one allocation rather than chunks plus their concatenation (twice the memory on 10 MB). */
async function readAll(fh: FileHandle, size: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for (let pos = 0, want = size + 1; ; want = CHUNK) {
    const buf = Buffer.allocUnsafe(want);
    const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
    if (bytesRead === 0) return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
    chunks.push(buf.subarray(0, bytesRead));
    pos += bytesRead;
  }
}

/** Whether the file still holds exactly `bytes`, compared a chunk at a time (no copy of the file). */
async function holdsExactly(fh: FileHandle, bytes: Buffer): Promise<boolean> {
  const buf = Buffer.allocUnsafe(CHUNK);
  for (let pos = 0; ;) {
    const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
    if (bytesRead === 0) return pos === bytes.length;
    if (pos + bytesRead > bytes.length) return false;
    if (!buf.subarray(0, bytesRead).equals(bytes.subarray(pos, pos + bytesRead))) return false;
    pos += bytesRead;
  }
}

export async function readSnapshot(file: string): Promise<Snapshot> {
  let fh: FileHandle;
  try {
    // O_NONBLOCK: a FIFO in the target's place must not hang the sync until someone writes to it.
    fh = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === "ENOENT") return missing();
    throw await WriteError.from(e, file, "file");
  }
  try {
    const st = await fh.stat();
    if (st.isDirectory())
      throw await WriteError.from(Object.assign(new Error(), { code: "EISDIR" }), file, "file");
    if (!st.isFile()) throw new WriteError(file, "file", "is not a regular file", "EINVAL");
    const bytes = await readAll(fh, st.size);
    const text = decode(file, bytes);
    return {
      text,
      stat: st,
      // Usually nothing changed: then the same string comes back, found without reading a second copy.
      reread: async () =>
        (await holdsExactly(fh, bytes)) ? text : decode(file, await readAll(fh, (await fh.stat()).size)),
      assertCurrent: (path) => {
        // Written in place since our read is fine here: repairAfterRename reads that back.
        const now = statSync(path, { throwIfNoEntry: false });
        if (!now || now.ino !== st.ino || now.dev !== st.dev) throw new SnapshotMovedError(path);
      },
      close: () => fh.close(),
    };
  } catch (err) {
    await fh.close();
    throw err;
  }
}

function missing(): Snapshot {
  return {
    text: null,
    stat: undefined,
    reread: () => Promise.resolve(null),
    assertCurrent: (path) => {
      if (statSync(path, { throwIfNoEntry: false })) throw new SnapshotMovedError(path);
    },
    close: () => Promise.resolve(),
  };
}

/** The file's text, or null if it does not exist. Refuses directories, FIFOs and files that are not UTF-8. */
export async function readIfExists(file: string): Promise<string | null> {
  const snap = await readSnapshot(file);
  await snap.close();
  return snap.text;
}
