// Which outputs wrote which files last time. When an output leaves the config (or moves to another file),
// its old region is taken out on the next sync instead of going stale forever.
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import writeFileAtomic from "write-file-atomic";
import { stateDir, type Env } from "../paths.ts";

export interface OutputRecord {
  name: string;
  file: string;
  kind: "region" | "file";
}

const path = (env: Env) => join(stateDir(env), "outputs.json");

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

export async function loadOutputRecords(env: Env = process.env): Promise<OutputRecord[]> {
  try {
    const parsed = JSON.parse(await readFile(path(env), "utf8")) as { outputs?: unknown };
    return Array.isArray(parsed.outputs) ? parsed.outputs.filter(isRecord) : [];
  } catch {
    return []; // none yet, or unreadable: then nothing is retired, which is the safe side
  }
}

export async function saveOutputRecords(records: OutputRecord[], env: Env = process.env): Promise<void> {
  await mkdir(stateDir(env), { recursive: true, mode: 0o700 });
  const sorted = [...records].sort((a, b) => (a.file + a.name < b.file + b.name ? -1 : 1));
  await writeFileAtomic(path(env), `${JSON.stringify({ format: 1, outputs: sorted }, null, 2)}\n`, {
    mode: 0o600,
  });
}

/** Records of earlier outputs that no current output (same name and file) replaces. */
export function retiredOutputs(previous: OutputRecord[], current: OutputRecord[]): OutputRecord[] {
  const now = new Set(current.map((r) => `${r.name}\0${r.file}`));
  return previous.filter((r) => !now.has(`${r.name}\0${r.file}`));
}
