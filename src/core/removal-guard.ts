// The mass-removal guard, the second line of defence against a bad answer from the API: a discovery that
// would remove more than `threshold` of a session's profiles (below 1, also all of them) is not believed at
// once. The previous discovery stays the one rendered and this one waits as pending; the next discovery
// that shows the very same removal (the daemon's next tick, the next sync), or `sync --confirm-removals`,
// applies it. A removal under the threshold applies at once, and clears whatever was pending.
import type { DiscoveredSession } from "./model/model.ts";

export interface RemovalDecision {
  /** apply: the fresh discovery is rendered and kept; hold: it waits as pending, the previous is rendered. */
  action: "apply" | "hold";
  /** What the user is told (a hold, or a mass removal applied). */
  message?: string;
}

export interface RemovalPolicy {
  /** Share of a session's profiles one discovery may remove at once (config confirmRemovalsAbove). */
  threshold: number;
  /** sync --confirm-removals: apply whatever the fresh discovery says. */
  confirm: boolean;
}

/** One profile per account × role: what a discovery gives the model. */
function profileKeys(d: DiscoveredSession): Set<string> {
  return new Set(d.accounts.flatMap((a) => a.roles.map((r) => `${a.accountId}\0${r}`)));
}

function removedBy(before: Set<string>, after: DiscoveredSession): string[] {
  const now = profileKeys(after);
  return [...before].filter((k) => !now.has(k));
}

const sameSet = (a: string[], b: string[]) =>
  a.length === b.length && new Set([...a, ...b]).size === a.length;

export function decideRemoval(
  previous: DiscoveredSession | undefined,
  fresh: DiscoveredSession,
  pending: DiscoveredSession | undefined,
  policy: RemovalPolicy,
): RemovalDecision {
  if (!previous) return { action: "apply" };
  const before = profileKeys(previous);
  const gone = removedBy(before, fresh);
  // Removing every profile is more than any threshold below 1; a threshold of 1 turns the guard off.
  const mass = gone.length > 0 && gone.length / before.size > policy.threshold;
  if (!mass) return { action: "apply" };
  const what = `session ${fresh.session}: ${gone.length} of ${before.size} profiles`;
  if (policy.confirm) return { action: "apply", message: `${what} removed (--confirm-removals)` };
  if (pending && sameSet(removedBy(before, pending), gone))
    return { action: "apply", message: `${what} removed: the second discovery in a row confirms it` };
  return {
    action: "hold",
    message: `${what} would go; kept until the next sync confirms it (or run sync --confirm-removals)`,
  };
}
