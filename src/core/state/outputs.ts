// Which outputs of a config wrote which files last time, kept per config file. An output whose name leaves
// the config has its old region taken out on the next sync instead of going stale forever; a whole-file
// output may only replace a file that it wrote itself.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { writeFileAtomic } from "../files/atomic-write.ts";
import { stateDir, type Env } from "../paths.ts";
import { conflictOf, type Claim } from "./claims.ts";

export interface OutputRecord {
  name: string;
  file: string;
  kind: "region" | "file";
  /** The config file whose output this is; records written before it was kept have none. */
  config?: string;
}

// Per config file: two configs (or two daemons) writing the same ~/.aws/config never retire each other's regions.
function path(configFile: string, env: Env): string {
  const id = createHash("sha1").update(configFile).digest("hex").slice(0, 12);
  return join(stateDir(env), "outputs", `${id}.json`);
}

const isRecord = (r: unknown): r is OutputRecord => {
  const o = r as OutputRecord;
  return (
    typeof o === "object" &&
    o !== null &&
    typeof o.name === "string" &&
    typeof o.file === "string" &&
    (o.kind === "region" || o.kind === "file") &&
    (o.config === undefined || typeof o.config === "string")
  );
};

export async function loadOutputRecords(configFile: string, env: Env = process.env): Promise<OutputRecord[]> {
  try {
    const parsed = JSON.parse(await readFile(path(configFile, env), "utf8")) as { outputs?: unknown };
    return Array.isArray(parsed.outputs) ? parsed.outputs.filter(isRecord) : [];
  } catch {
    return []; // none yet, or unreadable: then nothing is retired, which is the safe side
  }
}

export async function saveOutputRecords(
  configFile: string,
  records: OutputRecord[],
  env: Env = process.env,
): Promise<void> {
  const file = path(configFile, env);
  await mkdir(join(stateDir(env), "outputs"), { recursive: true, mode: 0o700 });
  // An output refused because another config owns its region is not recorded: it owns nothing.
  const claims = await foreignClaims(configFile, env);
  const kept = records.filter((r) => conflictOf(r, claims) === undefined);
  const unique = new Map(kept.map((r) => [`${r.name}\0${r.file}`, withConfig(r, configFile)]));
  const sorted = [...unique.values()].sort((a, b) => (a.file + a.name < b.file + b.name ? -1 : 1));
  const text = `${JSON.stringify({ format: 1, outputs: sorted }, null, 2)}\n`;
  // Unchanged records are not rewritten: an unchanged daemon cycle writes nothing.
  if ((await readFile(file, "utf8").catch(() => undefined)) === text) return;
  await writeFileAtomic(file, text, {
    mode: 0o600,
    what: "the output records",
  });
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
    names.map(async (name) => {
      try {
        const parsed = JSON.parse(await readFile(join(dir, name), "utf8")) as { outputs?: unknown };
        const records = Array.isArray(parsed.outputs) ? parsed.outputs.filter(isRecord) : [];
        return { path: join(dir, name), records };
      } catch {
        return { path: join(dir, name), records: [] }; // an unreadable record owns nothing
      }
    }),
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
