// Backups of the previous version, taken before each replace: `<basename>.<hash>.<UTC time>.bak`, mode
// 0600, newest 10 per file. The short hash of the full path keeps ~/.aws/config and ~/.granted/config
// (same basename) apart, so pruning one never deletes the other's history. A backup is written like every
// file of ours (whole or not at all, never over an older one); one that cannot be written throws, and the
// caller then leaves the target alone.
import { createHash } from "node:crypto";
import { mkdir, readdir, rm } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { writeFileAtomic, WriteError } from "./atomic-write.ts";

export const BACKUPS_KEPT = 10;

function stamp(ms: number): string {
  // 2025-01-02T03:04:05.678Z → 20250102T030405678Z: sortable by name, no ":" (Windows, scp).
  return new Date(ms).toISOString().replace(/[-:.]/g, "");
}

export function backupPrefix(file: string): string {
  const hash = createHash("sha256").update(resolve(file)).digest("hex").slice(0, 8);
  return `${basename(file)}.${hash}.`;
}

/** Writes `text` as the newest backup of `file` and prunes older ones; returns the backup's path. */
export async function writeBackup(file: string, text: string, backupDir: string): Promise<string> {
  await mkdir(backupDir, { recursive: true, mode: 0o700 });
  const prefix = backupPrefix(file);
  let ms = Date.now();
  for (;;) {
    const path = join(backupDir, `${prefix}${stamp(ms)}.bak`);
    try {
      await writeFileAtomic(path, text, { mode: 0o600, exclusive: true, what: `the backup of ${file}` });
      await prune(backupDir, prefix);
      return path;
    } catch (err) {
      // Two writes in the same millisecond: take the next one, which keeps names in time order.
      if (!(err instanceof WriteError) || err.code !== "EEXIST") throw err;
      ms++;
    }
  }
}

async function prune(dir: string, prefix: string): Promise<void> {
  const mine = (await readdir(dir)).filter((n) => n.startsWith(prefix) && n.endsWith(".bak")).sort();
  for (const old of mine.slice(0, Math.max(0, mine.length - BACKUPS_KEPT)))
    await rm(join(dir, old), { force: true });
}
