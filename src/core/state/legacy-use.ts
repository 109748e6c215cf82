// Which start URLs each session is used under in legacy form (profiles without sso_session), as the last
// sync found them in the files it wrote. Every token write copies the token to sha1(start URL).json for
// these (docs/internals/token-file-shapes.md 4). Keyed by session name; only URLs, no token.
import { join } from "node:path";
import { z } from "zod";
import { readJson, writeJson } from "../files/json.ts";
import { stateDir, type Env } from "../paths.ts";

const Stored = z.object({ format: z.literal(1), sessions: z.record(z.string(), z.array(z.string())) });
export type LegacyUse = Record<string, string[]>;

const WHAT = "the legacy token record";
const recordFile = (env: Env) => join(stateDir(env), "legacy-tokens.json");

export async function loadLegacyUse(env: Env): Promise<LegacyUse> {
  const read = await readJson(recordFile(env), Stored, { what: WHAT });
  return read.kind === "ok" ? read.value.sessions : {};
}

/**
 * Replaces the entries of `sessions` with `found` (a session absent from `found` has no legacy use any
 * more); with `mergeOnly` (some output failed, so its file was not scanned) nothing is taken away.
 */
export async function saveLegacyUse(
  sessions: readonly string[],
  found: LegacyUse,
  env: Env,
  mergeOnly: boolean,
): Promise<LegacyUse> {
  const stored = await loadLegacyUse(env);
  const next: LegacyUse = { ...stored };
  for (const name of sessions) {
    const urls = new Set([...(mergeOnly ? (stored[name] ?? []) : []), ...(found[name] ?? [])]);
    if (urls.size > 0) next[name] = [...urls].sort();
    else delete next[name];
  }
  await writeJson(recordFile(env), Stored, { format: 1, sessions: next }, { what: WHAT, skipIfSame: true });
  return next;
}
