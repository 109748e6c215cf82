// Which outputs of a config wrote which files last time, kept per config file. An output whose name leaves
// the config has its old region taken out on the next sync instead of going stale forever; a whole-file
// output may only replace a file that it wrote itself.
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { writeFileAtomic } from "../files/atomic-write.ts";
import { stateDir, type Env } from "../paths.ts";

export interface OutputRecord {
  name: string;
  file: string;
  kind: "region" | "file";
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
    (o.kind === "region" || o.kind === "file")
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
  const unique = new Map(records.map((r) => [`${r.name}\0${r.file}`, r]));
  const sorted = [...unique.values()].sort((a, b) => (a.file + a.name < b.file + b.name ? -1 : 1));
  await writeFileAtomic(file, `${JSON.stringify({ format: 1, outputs: sorted }, null, 2)}\n`, {
    mode: 0o600,
    what: "the output records",
  });
}

/**
 * Every file a whole-file output of any config has written: such a file may be replaced again (also after
 * the config file moved), any other existing file never.
 */
export async function ownedFiles(env: Env = process.env): Promise<Set<string>> {
  const dir = join(stateDir(env), "outputs");
  const names = await readdir(dir).catch(() => [] as string[]);
  const owned = new Set<string>();
  for (const name of names.filter((n) => n.endsWith(".json"))) {
    try {
      const parsed = JSON.parse(await readFile(join(dir, name), "utf8")) as { outputs?: unknown };
      if (Array.isArray(parsed.outputs))
        for (const r of parsed.outputs.filter(isRecord)) if (r.kind === "file") owned.add(r.file);
    } catch {
      // an unreadable record owns nothing
    }
  }
  return owned;
}

/**
 * Records to take out: only outputs whose name is no longer in the config at all. A configured output that
 * is disabled or broken keeps its region; one whose file merely resolves elsewhere (another AWS_CONFIG_FILE)
 * does not strip the old file.
 */
export function retiredOutputs(previous: OutputRecord[], configured: ReadonlySet<string>): OutputRecord[] {
  return previous.filter((r) => !configured.has(r.name));
}
