// Which config owns a region: the first config whose output wrote it (its output record says so). A second
// config with an output of the same name on the same file would replace that region on every sync, and
// the first would put it back: each sync silently undoing the other. It is refused instead, naming both.
import { samePlace } from "../canonical-path.ts";

export interface Claim {
  name: string;
  file: string;
  kind: "region" | "file";
  /** The config file whose sync wrote it. */
  config: string;
}

export interface Target {
  name: string;
  file: string;
  kind: "region" | "file";
}

/**
 * The claim `target` runs into: the same region (name and file), or any output on a file that a whole-file
 * output owns, or a whole-file output on a file where another config has regions.
 */
export function conflictOf(target: Target, claims: readonly Claim[]): Claim | undefined {
  return claims.find(
    (c) =>
      (c.kind === "file" || target.kind === "file" || c.name === target.name) &&
      samePlace(c.file, target.file),
  );
}

export function claimProblem(target: Target, claim: Claim, ownConfig: string): string {
  const what =
    claim.kind === "file"
      ? `${claim.file} is written whole by output "${claim.name}" of config ${claim.config}`
      : `the region "${claim.name}" in ${claim.file} belongs to config ${claim.config}`;
  const self = ownConfig === "" ? "this config" : `config ${ownConfig}`;
  return (
    `output "${target.name}": ${what}; ${self} would replace it and each sync would undo the other, ` +
    `so it is left as it is (give the output another name in one of the two configs, or remove it from ` +
    `${claim.config} and sync that config once to release it)`
  );
}
