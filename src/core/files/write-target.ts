// What a write lands on, and how a failed write is told. A symlink is the user's: we follow it (also a
// dangling one, whose target is then created) and replace the file it names, never the link. Anything but
// a regular file is refused before a byte is written. Errors name the file, the errno and, on a full
// disk, how much space the file needs against what is free.
import type { Stats } from "node:fs";
import { lstat, readlink, statfs } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { AppError } from "../errors.ts";

export interface Target {
  /** The file that is replaced: `file` itself, or what its symlinks lead to. */
  path: string;
  /** Its stat, undefined when it does not exist yet. */
  stat: Stats | undefined;
  /** The path given was a symlink. */
  linked: boolean;
}

const MAX_LINKS = 40; // as the kernel's ELOOP limit

export async function realTarget(file: string, what = "file"): Promise<Target> {
  let path = resolve(file);
  for (let hops = 0; hops <= MAX_LINKS; hops++) {
    let st: Stats;
    try {
      st = await lstat(path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT")
        return { path, stat: undefined, linked: hops > 0 };
      throw await WriteError.from(err as NodeJS.ErrnoException, file, what);
    }
    if (st.isSymbolicLink()) {
      path = resolve(
        dirname(path),
        await readlink(path).catch(async (err: NodeJS.ErrnoException) => {
          throw await WriteError.from(err, file, what);
        }),
      );
      continue;
    }
    if (st.isDirectory()) throw await WriteError.from(errno("EISDIR"), describe(file, path, hops), what);
    if (!st.isFile())
      throw new WriteError(describe(file, path, hops), what, "is not a regular file", "EINVAL");
    return { path, stat: st, linked: hops > 0 };
  }
  throw await WriteError.from(errno("ELOOP"), file, what);
}

const describe = (file: string, path: string, hops: number) =>
  hops > 0 ? `${file} (a symlink to ${path})` : file;

export function describeTarget(file: string, t: Target): string {
  return describe(file, t.path, t.linked ? 1 : 0);
}

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(code), { code });
}

const WHY: Record<string, string> = {
  ENOSPC: "the disk is full",
  EDQUOT: "the disk quota is exceeded",
  EIO: "an I/O error",
  EISDIR: "is a directory",
  ENOTDIR: "a part of its path is not a directory",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "the filesystem is read-only",
  ENOENT: "its directory does not exist",
  ELOOP: "too many symlinks",
};

/** A file of ours could not be written; the target was left as it was. */
export class WriteError extends AppError {
  readonly file: string;
  readonly code: string;
  constructor(file: string, what: string, why: string, code: string, hint?: string, cause?: unknown) {
    super(`cannot write ${what} ${file}: ${why} (${code}); it was left as it was`, {
      hint: hint ?? "fix the cause and sync again",
      cause,
    });
    this.file = file;
    this.code = code;
  }

  static async from(
    err: NodeJS.ErrnoException,
    file: string,
    what: string,
    needed?: number,
    dir?: string,
  ): Promise<WriteError> {
    const code = err.code ?? "EIO";
    let why = WHY[code] ?? err.message;
    let hint: string | undefined;
    if ((code === "ENOSPC" || code === "EDQUOT") && needed !== undefined && dir !== undefined) {
      const free = await statfs(dir).then(
        (s) => s.bavail * s.bsize,
        () => undefined,
      );
      why += `: ${needed} bytes needed, ${free ?? "unknown"} bytes free in ${dir}`;
      hint = `free at least ${needed} bytes on the filesystem of ${dir}, then sync again`;
    } else if (code === "EISDIR") hint = "remove the directory or point the output at a file";
    return new WriteError(file, what, why, code, hint, err);
  }
}
