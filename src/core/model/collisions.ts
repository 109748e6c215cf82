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

/** Applies `qualifiers` in order to every group sharing a name; one warning per group and step. */
export function qualifyClashes<T extends ProfileKey>(
  items: T[],
  naming: Naming<T>,
  qualifiers: ReadonlyArray<(item: T) => string>,
  warnings: string[],
): void {
  for (const qualify of qualifiers) {
    const groups = new Map<string, T[]>();
    for (const p of items) {
      const n = naming.get(p);
      const g = groups.get(n);
      if (g) g.push(p);
      else groups.set(n, [p]);
    }
    for (const [name, group] of groups) {
      if (group.length < 2) continue;
      const who = group.map((p) => `${p.session}/${p.accountId}/${p.roleName}`).join(", ");
      for (const p of group) naming.set(p, qualify(p));
      warnings.push(
        `${naming.what} "${name}" is shared by ${who}; qualified as ${group.map((p) => `"${naming.get(p)}"`).join(", ")}`,
      );
    }
  }
}
