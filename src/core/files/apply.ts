// applyPlan: the only place that writes a managed file. Re-reads the file and refuses if it changed since
// it was planned; writes nothing when the bytes are equal (mtime untouched); checks the JS SDK still sees
// every generated section; backs up the old version; then writes a temp file in the same directory,
// fsyncs it, renames it over the target (write-file-atomic) and fsyncs the directory so the rename lasts.
import { mkdir, open, realpath, readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import writeFileAtomic from "write-file-atomic";
import { AppError } from "../errors.ts";
import { writeBackup } from "./backup.ts";
import { FileChangedError, IniCheckError } from "./errors.ts";
import { checkIniJs, jsVisibleExpected } from "./ini.ts";
import { splitLines } from "./lines.ts";
import { findRegions, lineOwners } from "./markers.ts";
import type { FilePlan } from "./plan.ts";

const NEW_FILE_MODE = 0o600;
// Directories we create get the usual 0755 (minus umask), as the AWS CLI creates ~/.aws.
const NEW_DIR_MODE = 0o755;

/** The file's text, or null if it does not exist. Refuses files that are not UTF-8 (we would mangle them). */
export async function readIfExists(file: string): Promise<string | null> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
  try {
    // ignoreBOM keeps a byte-order mark as text, so it is written back as it was.
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new AppError(`${file} is not valid UTF-8; aws-sso-sync will not edit it`, {
      hint: "convert the file to UTF-8 or point this output at another file",
    });
  }
}

/** Problems the JS SDK's loader has with the planned text (INI files only). */
export async function verifyPlan(plan: FilePlan): Promise<string[]> {
  if (plan.format !== "ini") return [];
  if (plan.owner === "file") return checkIniJs(plan.after, jsVisibleExpected(plan.after));
  const lines = splitLines(plan.after);
  const owners = lineOwners(lines.length, findRegions(plan.file, lines).values());
  return checkIniJs(
    plan.after,
    jsVisibleExpected(plan.after, (line) => owners[line - 1] != null),
  );
}

// One apply at a time per file in this process, so the "changed since read" check below cannot race a
// second apply of our own. Other processes are kept out by the daemon's lock.
const queues = new Map<string, Promise<unknown>>();

export function applyPlan(plan: FilePlan, opts: { backupDir: string }): Promise<"written" | "unchanged"> {
  const key = resolve(plan.file);
  const run = (queues.get(key) ?? Promise.resolve()).catch(() => {}).then(() => applyNow(plan, opts));
  queues.set(key, run);
  return run.finally(() => {
    if (queues.get(key) === run) queues.delete(key);
  });
}

async function applyNow(plan: FilePlan, opts: { backupDir: string }): Promise<"written" | "unchanged"> {
  const current = await readIfExists(plan.file);
  if (current !== plan.before) throw new FileChangedError(plan.file);
  if (!plan.changed || plan.after === current) return "unchanged";
  const problems = await verifyPlan(plan);
  if (problems.length > 0)
    throw new IniCheckError(
      plan.file,
      "the JS SDK would not see every generated section",
      problems,
      "use names of letters, digits, '-', '_' and '.'; write 'key = value' with a non-empty value and no ' #' or ' ;' in it",
    );
  if (current !== null) await writeBackup(plan.file, current, opts.backupDir);
  else await mkdir(dirname(plan.file), { recursive: true, mode: NEW_DIR_MODE });
  // Checked again right before the rename: another tool (aws configure set, an editor) may have written the
  // file while we verified and backed up; its bytes must not be lost. The window left is one read.
  if ((await readIfExists(plan.file)) !== plan.before) throw new FileChangedError(plan.file);
  // An existing file keeps its mode and owner (write-file-atomic copies them); a symlink is written through.
  const mode = current === null ? { mode: plan.mode ?? NEW_FILE_MODE } : {};
  await writeFileAtomic(plan.file, plan.after, { ...mode, fsync: true });
  await fsyncDir(dirname(await realpath(plan.file)));
  return "written";
}

async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, "r").catch(() => null);
  try {
    await handle?.sync();
  } catch {
    // Some filesystems refuse fsync on a directory; the rename is still atomic, only less durable.
  } finally {
    await handle?.close();
  }
}
