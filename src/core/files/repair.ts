// Repairing a write that raced another program (docs/internals/atomic-writes.md). Our rename replaced the
// inode we read; whatever another program wrote into that inode after our read is read back through the
// descriptor we kept. The usual case, lines appended at the end, is appended to our new file the same way
// (one O_APPEND write, as the other program did) when planning from the grown text would give exactly that;
// anything else (a rewrite in place) is handed back for a full new round.
import { open } from "node:fs/promises";
import { AppError } from "../errors.ts";
import { writeBackup } from "./backup.ts";
import type { FilePlan } from "./plan.ts";
import type { Snapshot } from "./snapshot.ts";

// An appender that opened the old file just before our rename writes a moment later: look once more then.
const SETTLE_MS = 25;

export type Repair =
  | { kind: "done" }
  /** The old inode was changed otherwise: plan again from `carry`; our file holds `ours` plus appends. */
  | { kind: "again"; carry: string; ours: string };

export async function repairAfterRename(
  file: string,
  snap: Snapshot,
  plan: FilePlan,
  replan: ((before: string | null) => FilePlan) | undefined,
): Promise<Repair> {
  const text = snap.text;
  if (text === null) return { kind: "done" }; // no old inode to look at
  let seen = text;
  let ours = plan.after;
  for (let look = 0, appends = 0; look < 2 && appends < MAX_APPENDS; look++) {
    if (look > 0) await new Promise((r) => setTimeout(r, SETTLE_MS));
    const final = (await snap.reread()) ?? "";
    if (final === seen) continue;
    const appended = final.startsWith(seen) ? final.slice(seen.length) : undefined;
    // Appending only works when their lines mean the same after our text as after theirs.
    if (appended === undefined || !sameAsPlanned(replan, final, plan.after + final.slice(text.length)))
      return { kind: "again", carry: final, ours };
    await appendInPlace(file, appended);
    ours += appended;
    seen = final;
    appends++;
    look = 0; // more may follow: settle again
  }
  return { kind: "done" };
}

// A program that keeps appending to the old inode (it holds it open) is not followed forever.
const MAX_APPENDS = 20;

function sameAsPlanned(
  replan: ((before: string | null) => FilePlan) | undefined,
  grown: string,
  want: string,
): boolean {
  try {
    return replan !== undefined && replan(grown).after === want;
  } catch {
    return false; // the full round plans again and reports the problem
  }
}

async function appendInPlace(file: string, text: string): Promise<void> {
  const fh = await open(file, "a");
  try {
    const before = (await fh.stat()).size;
    const bytes = Buffer.from(text, "utf8");
    try {
      let done = 0;
      while (done < bytes.length) done += (await fh.write(bytes, done)).bytesWritten;
      await fh.sync();
    } catch (err) {
      await fh.truncate(before).catch(() => {}); // never half a line of theirs
      throw err;
    }
  } finally {
    await fh.close();
  }
}

/**
 * What to plan from after a round that handed back `carry`: their version, plus whatever was appended to
 * our file since (`now` starts with `ours`). Anything else means two programs rewrote it.
 */
export function mergeBase(file: string, now: string | null, ours: string, carry: string): string {
  if (now === null || !now.startsWith(ours))
    throw new AppError(`${file}: other programs rewrote it while aws-sso-sync wrote it`, {
      hint: "compare the file with its newest backup and sync again",
    });
  return carry + now.slice(ours.length);
}

/** A failure while their version is not in the file: it is saved as a backup, and the message says where. */
export async function withCarrySaved(
  err: unknown,
  file: string,
  carry: string | undefined,
  backupDir: string,
): Promise<unknown> {
  if (carry === undefined) return err;
  const saved = await writeBackup(file, carry, backupDir).catch(() => undefined);
  if (!(err instanceof AppError) || saved === undefined) return err;
  return new AppError(`${err.message}; the other program's version is saved as ${saved}`, {
    exitCode: err.exitCode,
    ...(err.hint ? { hint: err.hint } : {}),
    cause: err,
  });
}
