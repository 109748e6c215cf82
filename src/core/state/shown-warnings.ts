// Which warnings a config's runs have already shown, so a problem is told once, when it appears or
// changes, and not on every sync or daemon cycle (a name conflict stays until the org changes). Kept as
// short hashes per config file; the set is replaced by each run's, so a problem that goes away and comes
// back is told again.
import { createHash } from "node:crypto";
import { join } from "node:path";
import { z } from "zod";
import { readJson, writeJson } from "../files/json.ts";
import { configId, stateDir, type Env } from "../paths.ts";

const File = z.object({ format: z.literal(1), shown: z.array(z.string()) });
const WHAT = "the shown-warnings file";

const hash = (w: string) => createHash("sha1").update(w).digest("hex").slice(0, 16);

function path(configFile: string, env: Env): string {
  return join(stateDir(env), "warnings", `${configId(configFile)}.json`);
}

/**
 * The warnings of `current` not shown by an earlier run of this config, in their order. With `remember`
 * (not for a dry run) `current` becomes what has been shown.
 */
export async function unseenWarnings(
  configFile: string,
  current: readonly string[],
  env: Env,
  opts: { remember: boolean },
): Promise<string[]> {
  const file = path(configFile, env);
  const read = await readJson(file, File, { what: WHAT });
  // Missing or unusable: nothing was shown, which errs on the side of telling.
  const shown = new Set(read.kind === "ok" ? read.value.shown : []);
  const fresh = current.filter((w) => !shown.has(hash(w)));
  if (opts.remember) {
    const next = [...new Set(current.map(hash))].sort();
    await writeJson(file, File, { format: 1, shown: next }, { what: WHAT, skipIfSame: true });
  }
  return fresh;
}
