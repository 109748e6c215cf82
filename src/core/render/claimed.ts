// Regions other configs own, applied to one sync's plan: an output that would take one over is refused
// (named with both configs), and a retired record never removes a region that another config now owns.
import { claimProblem, conflictOf, type Claim, type Target } from "../state/claims.ts";
import type { ResolvedOutput } from "./loader.ts";
import type { OutputResult } from "./write-files.ts";

export interface Claims {
  /** This sync's config file ("" when none was given). */
  own: string;
  /** Regions and whole files that other configs' outputs wrote. */
  others: readonly Claim[];
}

/** Outputs free to plan, and a failed result for each one whose region another config owns. */
export function splitClaimed(
  outputs: readonly ResolvedOutput[],
  claims: Claims | undefined,
): { free: ResolvedOutput[]; refused: OutputResult[] } {
  const free: ResolvedOutput[] = [];
  const refused: OutputResult[] = [];
  for (const o of outputs) {
    const target = { name: o.name, file: o.file, kind: o.renderer.mode.kind };
    const claim = claims ? conflictOf(target, claims.others) : undefined;
    if (!claim || !claims) free.push(o);
    else {
      const problems = [claimProblem(target, claim, claims.own)];
      refused.push({ name: o.name, file: o.file, status: "failed", problems, dropped: [], warnings: [] });
    }
  }
  return { free, refused };
}

/** Retired records minus those another config now owns: removing ours must not take out its region. */
export function unclaimed<R extends Target>(retired: readonly R[], claims: Claims | undefined): R[] {
  return retired.filter((r) => !claims || conflictOf(r, claims.others) === undefined);
}
