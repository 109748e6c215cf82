// Names two profiles share are qualified, never dropped: every member of a clashing group takes the next
// qualifier (account id, then session, then a hash of session/account/role, which is unique because that
// triple is), until no two share a name. Used for the model's profile names and for renderers that derive
// names of their own (Granted), so both qualify alike and say so in the same words.
import { createHash } from "node:crypto";

export interface ProfileKey {
  session: string;
  accountId: string;
  roleName: string;
}

/** A stable short hash of the profile's identity (session/account/role). */
export const fingerprint = (p: ProfileKey, n: number): string =>
  createHash("sha1").update(`${p.session}/${p.accountId}/${p.roleName}`).digest("hex").slice(0, n);

export interface Naming<T> {
  get(item: T): string;
  set(item: T, name: string): void;
  /** For messages: "profile name", "Granted profile name". */
  what: string;
}

/** Groups items by their current name. */
function byName<T>(items: T[], naming: Naming<T>): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const p of items) {
    const n = naming.get(p);
    const g = groups.get(n);
    if (g) g.push(p);
    else groups.set(n, [p]);
  }
  return groups;
}

const who = (p: ProfileKey) => `${p.session}/${p.accountId}/${p.roleName}`;

/**
 * Applies `qualifiers` in order to every group sharing a name, until no two do. One warning per name that
 * was shared, naming each member by session/account/role and its final name (a step whose result still
 * clashes is not reported on its own: the reader would see the same name twice).
 */
export function qualifyClashes<T extends ProfileKey>(
  items: T[],
  naming: Naming<T>,
  qualifiers: ReadonlyArray<(item: T) => string>,
  warnings: string[],
): void {
  const original = new Map(items.map((p) => [p, naming.get(p)]));
  for (const qualify of qualifiers) {
    for (const group of byName(items, naming).values()) {
      if (group.length < 2) continue;
      for (const p of group) naming.set(p, qualify(p));
    }
  }
  const renamed = items.filter((p) => naming.get(p) !== original.get(p));
  const groups = new Map<string, T[]>();
  for (const p of renamed) {
    const name = original.get(p) ?? "";
    groups.set(name, [...(groups.get(name) ?? []), p]);
  }
  for (const [name, group] of groups) {
    const finals = group.map((p) => `"${naming.get(p)}"`).join(", ");
    const shared = group.length > 1 ? "is shared by" : "clashed with a qualified name, for";
    warnings.push(`${naming.what} "${name}" ${shared} ${group.map(who).join(", ")}; qualified as ${finals}`);
  }
}
