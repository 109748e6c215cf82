// The shared ~/.aws/sso/cache directory: created 0700 when missing, never chmod-ed when it exists (it
// belongs to the AWS CLI as much as to us), and every file replaced atomically with mode 0600.
import { createHash } from "node:crypto";
import { mkdir, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { AppError } from "../errors.ts";
import { writeFileAtomic, WriteError } from "../files/atomic-write.ts";
import { readRawJson } from "../files/json.ts";
import { log } from "../log/logger.ts";
import { ssoCacheDir } from "../paths.ts";
import type { EnvOptions } from "./session.ts";

export function sha1Hex(text: string): string {
  return createHash("sha1").update(text, "utf8").digest("hex");
}

export function cacheFilePath(id: string, opts: EnvOptions = {}): string {
  return join(ssoCacheDir(opts.env), `${sha1Hex(id)}.json`);
}

const warned = new Set<string>();

/** The token cache folder as the AWS CLI makes it: parents with default modes, the folder itself 0700. */
export async function ensureCacheDir(dir: string): Promise<void> {
  try {
    const st = await stat(dir);
    // The AWS CLI creates it 0755 and the files are 0600 anyway, so readable is only worth a note;
    // writable by others would let them swap tokens, which deserves a warning.
    const mode = st.mode & 0o777;
    if ((mode & 0o077) !== 0 && !warned.has(dir)) {
      warned.add(dir);
      const level = (mode & 0o022) !== 0 ? "warn" : "info";
      log().log(level, "cache folder open to other users", {
        file: dir,
        mode: mode.toString(8),
        hint: "chmod 700",
      });
    }
    return;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  // Parents (~/.aws, ~/.aws/sso) get the default mode, as the AWS CLI creates them; the cache itself 0700.
  await mkdir(dirname(dir), { recursive: true });
  await mkdir(dir, { mode: 0o700 }).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== "EEXIST") throw err;
  });
}

/** Atomically replaces (or creates) a cache file with mode 0600. */
export async function writeCacheFile(path: string, text: string): Promise<void> {
  try {
    await ensureCacheDir(dirname(path));
    await writeFileAtomic(path, text, { mode: 0o600, what: "the token cache file" });
  } catch (err) {
    if (err instanceof WriteError) throw err; // it already names the file, the errno and the space needed
    const code = (err as NodeJS.ErrnoException).code ?? "error";
    throw new AppError(`cannot write the token cache file ${path} (${code})`, {
      hint: `check that ${dirname(path)} exists and belongs to you`,
      cause: err,
    });
  }
}

/** Reads and parses a cache file without judging it; `text` keeps the layout that tells which tool wrote it (shapes.ts). */
export const readCacheFile = readRawJson;

/** `2026-11-27T10:53:27Z`: UTC, whole seconds, the AWS CLI's own format (docs/internals/token-cache.md 2). */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Parses an ISO timestamp; a naive value (no zone) is rejected because botocore cannot use it either. */
export function parseTimestamp(value: unknown): Date | undefined {
  if (typeof value !== "string" || !/(Z|[+-]\d\d:?\d\d)$/i.test(value.trim())) return undefined;
  const d = new Date(value.trim());
  return Number.isNaN(d.getTime()) ? undefined : d;
}
