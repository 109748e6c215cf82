// What a sync changed, in the words a person wants first: which profiles appeared and which went away.
// Compared by profile name between the model built from the previous last good discovery and this one, so
// a renamed profile (a new naming template, a qualified clash) shows as one removed and one added: that
// is what every tool reading the files sees.
import type { Model } from "./model.ts";

export interface ProfileChanges {
  added: string[];
  removed: string[];
  /** Profiles in the new model. */
  total: number;
  /** No earlier discovery to compare with: every profile is "added" (a first sync). */
  initial: boolean;
}

export function profileChanges(before: Model | undefined, after: Model): ProfileChanges {
  const was = new Set(before?.profiles.map((p) => p.name) ?? []);
  const now = new Set(after.profiles.map((p) => p.name));
  return {
    added: [...now].filter((n) => !was.has(n)).sort(),
    removed: [...was].filter((n) => !now.has(n)).sort(),
    total: now.size,
    initial: before === undefined,
  };
}

/** How many names a line lists before "and N more" (the JSON report and the log data carry them all). */
const LISTED = 10;

function names(list: string[]): string {
  const shown = list.slice(0, LISTED).join(", ");
  return list.length > LISTED ? `${shown} and ${list.length - LISTED} more` : shown;
}

/** "+3 profiles: a, b, c; −1: d", or "no profile added or removed". */
export function describeChanges(c: ProfileChanges): string {
  const parts: string[] = [];
  const plural = (n: number) => (n === 1 ? "profile" : "profiles");
  if (c.added.length > 0) parts.push(`+${c.added.length} ${plural(c.added.length)}: ${names(c.added)}`);
  if (c.removed.length > 0) {
    const what = parts.length > 0 ? "" : ` ${plural(c.removed.length)}`;
    parts.push(`\u2212${c.removed.length}${what}: ${names(c.removed)}`);
  }
  return parts.length > 0 ? parts.join("; ") : "no profile added or removed";
}

export const hasChanges = (c: ProfileChanges): boolean => c.added.length + c.removed.length > 0;
