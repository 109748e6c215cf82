// Which outputs of a config wrote which files last time, kept per config file. An output whose name leaves
// the config has its old region taken out on the next sync instead of going stale forever; a whole-file
// output may only replace a file that it wrote itself.
import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { readJson, writeJson } from "../files/json.ts";
import { log } from "../log/logger.ts";
import { configId, stateDir, type Env } from "../paths.ts";
import { conflictOf, type Claim } from "./claims.ts";

const OutputRecordSchema = z.object({
  name: z.string(),
  file: z.string(),
  kind: z.enum(["region", "file"]),
  /** The config file whose output this is; records written before it was kept have none. */
  config: z.string().optional(),
});
export type OutputRecord = z.infer<typeof OutputRecordSchema>;

const keepReadable = (all: unknown[] = []): OutputRecord[] =>
  all.flatMap((r) => {
    const one = OutputRecordSchema.safeParse(r);
    return one.success ? [one.data] : [];
  });
// A record this version cannot read is skipped alone; the others of its file still count.
const RecordsFile = z.object({
  format: z.literal(1).optional(),
  outputs: z.array(z.unknown()).optional().transform(keepReadable),
});
const WriteRecords = z.object({ format: z.literal(1), outputs: z.array(OutputRecordSchema) });

const WHAT = "the output records";

// Per config file: two configs (or two daemons) writing the same ~/.aws/config never retire each other's regions.
function path(configFile: string, env: Env): string {
  return join(stateDir(env), "outputs", `${configId(configFile)}.json`);
}

const warned = new Set<string>();

/** A records file's records; none when it is missing, or unusable (then logged): it owns nothing. */
async function readRecords(file: string): Promise<OutputRecord[]> {
  const read = await readJson(file, RecordsFile, { what: WHAT });
  // Read several times per sync: said once per process and problem.
  if (read.kind === "invalid" && !warned.has(read.reason)) {
    warned.add(read.reason);
    log().warn("output records unusable", {
      file,
      error: read.reason,
      effect: "its outputs own nothing until the next sync",
    });
  }
  return read.kind === "ok" ? read.value.outputs : [];
}

/** None yet, or unusable: then nothing is retired, which is the safe side. */
export function loadOutputRecords(configFile: string, env: Env = process.env): Promise<OutputRecord[]> {
  return readRecords(path(configFile, env));
}

export async function saveOutputRecords(
  configFile: string,
  records: OutputRecord[],
  env: Env = process.env,
): Promise<void> {
  const file = path(configFile, env);
  // An output refused because another config owns its region is not recorded: it owns nothing.
  const claims = await foreignClaims(configFile, env);
  const kept = records.filter((r) => conflictOf(r, claims) === undefined);
  const unique = new Map(kept.map((r) => [`${r.name}\0${r.file}`, withConfig(r, configFile)]));
  const sorted = [...unique.values()].sort((a, b) => (a.file + a.name < b.file + b.name ? -1 : 1));
  // Unchanged records are not rewritten: an unchanged daemon cycle writes nothing.
  await writeJson(file, WriteRecords, { format: 1, outputs: sorted }, { what: WHAT, skipIfSame: true });
}

/**
 * Every file a whole-file output of any config has written: such a file may be replaced again (also after
 * the config file moved), any other existing file never.
 */
export async function ownedFiles(env: Env = process.env): Promise<Set<string>> {
  const owned = new Set<string>();
  for (const { records } of await allRecords(env))
    for (const r of records) if (r.kind === "file") owned.add(r.file);
  return owned;
}

/** Every config's records, with the path of the records file they came from. */
async function allRecords(env: Env): Promise<Array<{ path: string; records: OutputRecord[] }>> {
  const dir = join(stateDir(env), "outputs");
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith(".json"));
  return Promise.all(
    names.map(async (name) => ({ path: join(dir, name), records: await readRecords(join(dir, name)) })),
  );
}

/**
 * What other configs own: their records that name their config file, while that file still exists (a
 * config that was deleted or moved owns nothing any more).
 */
export async function foreignClaims(configFile: string, env: Env = process.env): Promise<Claim[]> {
  const own = path(configFile, env);
  return (await allRecords(env)).flatMap(({ path: p, records }) =>
    p === own
      ? []
      : records.flatMap((r) =>
          r.config !== undefined && r.config !== configFile && existsSync(r.config)
            ? [{ ...r, config: r.config }]
            : [],
        ),
  );
}

const withConfig = (r: OutputRecord, config: string): OutputRecord =>
  config === ""
    ? { name: r.name, file: r.file, kind: r.kind }
    : { name: r.name, file: r.file, kind: r.kind, config };

/**
 * Records to take out: only outputs whose name is no longer in the config at all. A configured output that
 * is disabled or broken keeps its region; one whose file merely resolves elsewhere (another AWS_CONFIG_FILE)
 * does not strip the old file.
 */
export function retiredOutputs(previous: OutputRecord[], configured: ReadonlySet<string>): OutputRecord[] {
  return previous.filter((r) => !configured.has(r.name));
}
