// The last check before an output's result is planned: a result that lists none of the model's profiles,
// while the model has some, is a broken render (a hook that emptied its data, a template gone wrong), not
// an organisation without accounts. Written, it would prune every profile of that output; so it fails.
// An empty organisation is the mass-removal guard's business (src/core/removal-guard.ts), not this one's.
import type { Model } from "../model/model.ts";
import { rendersProfiles, type ResolvedOutput } from "./loader.ts";

const PROFILE_SECTION = /^[ \t]*\[profile [^\]\r\n]*\]/m;

/** Why the result lost every profile of the model, or undefined when it did not (or need not list them). */
export function lostEveryProfile(out: ResolvedOutput, content: string, model: Model): string | undefined {
  const n = model.profiles.length;
  if (n === 0 || !rendersProfiles(out)) return undefined;
  if (out.renderer.mode.format === "ini") {
    if (PROFILE_SECTION.test(content)) return undefined;
    return `its result has no [profile …] section, while the model has ${n} profiles`;
  }
  // Any profile name or account id will do: outputs may prefix names or list accounts instead.
  for (const p of model.profiles)
    if (content.includes(p.name) || content.includes(p.accountId)) return undefined;
  return `its result names none of the model's ${n} profiles (no profile name, no account id)`;
}
