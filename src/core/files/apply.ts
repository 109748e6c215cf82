// applyPlan: the only place that writes a managed file. Writes nothing when the bytes are equal (mtime
// untouched); checks the JS SDK still sees every generated section; backs up the old version (no backup, no
// write); then replaces the file whole through writeFileAtomic. Another program writing the same file is
// detected and repaired rather than locked out (docs/internals/atomic-writes.md): the file is read through a
// descriptor we keep; a file renamed into place before our rename makes us plan again, and bytes written
// into the old file after our read are planned into a second write.
import { mkdir } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { AppError } from "../errors.ts";
import { writeFileAtomic } from "./atomic-write.ts";
import { writeBackup } from "./backup.ts";
import { FileChangedError, IniCheckError } from "./errors.ts";
import { checkIniJs, jsVisibleExpected } from "./ini.ts";
import { indexLines } from "./lines.ts";
import { findRegionsIn, lineOwners } from "./markers.ts";
import type { FilePlan } from "./plan.ts";
import { mergeBase, repairAfterRename, withCarrySaved } from "./repair.ts";
import { readSnapshot, SnapshotMovedError } from "./snapshot.ts";

export { readIfExists } from "./snapshot.ts";

const NEW_FILE_MODE = 0o600;
// Directories we create get the usual 0755 (minus umask), as the AWS CLI creates ~/.aws.
const NEW_DIR_MODE = 0o755;
// Rounds of "another program rewrote it meanwhile, plan again" before the output fails.
const MAX_ROUNDS = 6;

export interface ApplyOptions {
  backupDir: string;
  /** Plans the file again from other text (the plan's own planner); without it a changed file is refused. */
  replan?: (before: string | null) => FilePlan;
  /** Replace files whose owner write bit is off (config files.allowReadOnly). */
  allowReadOnly?: boolean;
}

/** Problems the JS SDK's loader has with the planned text (INI files only). */
export async function verifyPlan(plan: FilePlan): Promise<string[]> {
  if (plan.format !== "ini") return [];
  const scan = plan.afterScan;
  if (plan.owner === "file") return checkIniJs(plan.after, jsVisibleExpected(plan.after, undefined, scan));
  const idx = indexLines(plan.after);
  const owners = lineOwners(idx.count, findRegionsIn(plan.file, idx).values());
  return checkIniJs(
    plan.after,
    jsVisibleExpected(plan.after, (line) => owners[line - 1] != null, scan),
    idx,
  );
}

// One apply at a time per file in this process; other processes are detected (see the top of this file).
const queues = new Map<string, Promise<unknown>>();

export function applyPlan(plan: FilePlan, opts: ApplyOptions): Promise<"written" | "unchanged"> {
  const key = resolve(plan.file);
  const run = (queues.get(key) ?? Promise.resolve()).catch(() => {}).then(() => applyNow(plan, opts));
  queues.set(key, run);
  return run.finally(() => {
    if (queues.get(key) === run) queues.delete(key);
  });
}

async function verifyOrThrow(plan: FilePlan): Promise<void> {
  const problems = await verifyPlan(plan);
  if (problems.length > 0)
    throw new IniCheckError(
      plan.file,
      "the JS SDK would not see every generated section",
      problems,
      "use names of letters, digits, '-', '_' and '.'; write 'key = value' with a non-empty value and no ' #' or ' ;' in it",
    );
}

function assertWritable(file: string, mode: number, opts: ApplyOptions): void {
  // Checked on the mode bits: root passes every access() check, and a rename ignores the file's mode.
  if ((mode & 0o200) !== 0 || opts.allowReadOnly) return;
  const octal = (mode & 0o777).toString(8).padStart(4, "0");
  throw new AppError(`${file} is read-only (mode ${octal}); aws-sso-sync will not replace it`, {
    hint: `chmod u+w ${file}, or set files.allowReadOnly: true in the config`,
  });
}

async function applyNow(first: FilePlan, opts: ApplyOptions): Promise<"written" | "unchanged"> {
  const file = first.file;
  let plan = first;
  let expect = first.before; // what the file must hold for `plan` to apply
  let carry: string | undefined; // another program's version that our rename replaced
  let wrote = false;
  try {
    for (let round = 1; round <= MAX_ROUNDS; round++) {
      const snap = await readSnapshot(file);
      try {
        const text = snap.text;
        if (carry !== undefined || text !== expect) {
          if (!opts.replan) throw new FileChangedError(file);
          plan = opts.replan(carry === undefined ? text : mergeBase(file, text, expect ?? "", carry));
          expect = text;
          carry = undefined;
        }
        if (plan.after === text) return wrote ? "written" : "unchanged";
        if (snap.stat) assertWritable(file, snap.stat.mode, opts);
        await verifyOrThrow(plan);
        // A repair round replaces only our own write plus what is merged into this one: no backup needed.
        if (text !== null && !wrote) await writeBackup(file, text, opts.backupDir);
        else if (text === null) await mkdir(dirname(file), { recursive: true, mode: NEW_DIR_MODE });
        try {
          await writeFileAtomic(file, plan.after, {
            // An existing file keeps its mode; a new one gets the plan's.
            ...(text === null ? { mode: plan.mode ?? NEW_FILE_MODE } : {}),
            beforeRename: () => snap.assertCurrent(file),
          });
        } catch (err) {
          if (err instanceof SnapshotMovedError) continue; // another file was renamed into place: read again
          throw err;
        }
        wrote = true;
        const repair = await repairAfterRename(file, snap, plan, opts.replan);
        if (repair.kind === "done") return "written";
        carry = repair.carry;
        expect = repair.ours;
      } finally {
        await snap.close();
      }
    }
  } catch (err) {
    throw await withCarrySaved(err, file, carry, opts.backupDir);
  }
  throw await withCarrySaved(
    new AppError(
      `${file}: another program kept rewriting it while aws-sso-sync wrote it (${MAX_ROUNDS} rounds)`,
      {
        hint: "sync again once that program is done",
      },
    ),
    file,
    carry,
    opts.backupDir,
  );
}
