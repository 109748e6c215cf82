// Before a file is planned: if another tool broke our regions in it, put them back together from what the
// outputs generate now (files/recover/rebuild.ts). Only INI regions can be recognised by their sections;
// a text file with broken markers is refused as before (MarkerError).
import { samePlace } from "../canonical-path.ts";
import { recoverRegions, type RecoverTarget } from "../files/recover/rebuild.ts";
import type { Model } from "../model/model.ts";
import type { Env } from "../paths.ts";
import type { OutputRecord } from "../state/outputs.ts";
import type { ResolvedOutput } from "./loader.ts";
import { renderOutput } from "./output.ts";

export interface Prepared {
  text: string | null;
  /** Per output: what recovery did, said once (the next sync finds the regions whole). */
  notes: Map<string, string>;
  /** `repair`: broken marker lines of regions no output here can rebuild, taken out. */
  stripped: string[];
}

/** The regions this config wrote into `file` last time, by its output records. */
export function recordedRegions(records: readonly OutputRecord[], file: string): string[] {
  return records.filter((r) => r.kind === "region" && samePlace(r.file, file)).map((r) => r.name);
}

export function recoverFile(
  file: string,
  before: string | null,
  group: readonly ResolvedOutput[],
  expected: readonly string[],
  model: Model,
  env: Env,
  force: boolean,
): Prepared {
  const none: Prepared = { text: before, notes: new Map<string, string>(), stripped: [] };
  if (before === null) return none;
  const targets: RecoverTarget[] = [];
  for (const out of group) {
    const mode = out.renderer.mode;
    if (mode.kind !== "region" || mode.format !== "ini") continue;
    const content = () => {
      try {
        return renderOutput(out, model, env);
      } catch {
        return undefined; // its own planning reports the error; its region is left alone
      }
    };
    targets.push({ spec: { name: out.name, comment: mode.comment, format: "ini" }, content });
  }
  if (targets.length === 0) return none;
  return recoverRegions(file, before, targets, expected, force) ?? none;
}
