// Our own JSON files (discovery state, output records, daemon state, lock owner files): read against a
// zod schema, written atomically. A read never throws on what it finds: the file is missing, or invalid
// with a reason that names it, or its value has the schema's shape. What to do with a corrupt file stays
// the caller's decision (most ignore it: these files are rewritten on the next run).
import { mkdir, readFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { z } from "zod";
import { writeFileAtomic } from "./atomic-write.ts";

export type JsonRead<T> =
  | { kind: "missing" }
  /** `reason`: "<what> <path> is not usable: <problem>", ready for a log line or a status. */
  | { kind: "invalid"; problem: string; reason: string }
  | { kind: "ok"; value: T };

/** A JSON file read and parsed, its content not yet judged; `text` is the bytes as read. */
export type RawJsonRead =
  | { kind: "missing" }
  | { kind: "unreadable"; reason: string }
  | { kind: "json"; value: unknown; text: string };

/** Reads and parses one JSON file; never throws on what it finds. */
export async function readRawJson(path: string): Promise<RawJsonRead> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return { kind: "missing" };
    return { kind: "unreadable", reason: `cannot read it (${code ?? "error"})` };
  }
  try {
    return { kind: "json", value: JSON.parse(text) as unknown, text };
  } catch {
    return { kind: "unreadable", reason: "not valid JSON" };
  }
}

/** What the file is, for messages: "the discovery state", "the daemon state file". */
export interface JsonFileOptions {
  what: string;
}

export async function readJson<S extends z.ZodType>(
  path: string,
  schema: S,
  opts: JsonFileOptions,
): Promise<JsonRead<z.output<S>>> {
  const invalid = (problem: string): JsonRead<never> => ({
    kind: "invalid",
    problem,
    reason: `${opts.what} ${path} is not usable: ${problem}`,
  });
  const raw = await readRawJson(path);
  if (raw.kind === "missing") return raw;
  if (raw.kind === "unreadable") return invalid(raw.reason);
  const parsed = schema.safeParse(raw.value);
  return parsed.success ? { kind: "ok", value: parsed.data } : invalid(describeIssues(parsed.error.issues));
}

/** At most three issues, each with its dotted path: `counts.runs: missing`, `pid: Invalid input: …`. */
function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const shown = issues.slice(0, 3).map((i) => {
    const at = i.path.map(String).join(".");
    const message =
      i.code === "invalid_type" && /received undefined$/.test(i.message) ? "missing" : i.message;
    return at === "" ? message : `${at}: ${message}`;
  });
  return shown.join("; ") + (issues.length > 3 ? `; and ${issues.length - 3} more` : "");
}

export interface WriteJsonOptions extends JsonFileOptions {
  /** Default 0600: every file of ours here can name accounts, paths or errors that quote servers. */
  mode?: number;
  /** Pretty-printed (default) for the files people read; compact for tiny ones. */
  compact?: boolean;
  /** See AtomicWriteOptions.durable (default true). */
  durable?: boolean;
  /** Leave the file alone when it already holds exactly this text (an unchanged daemon cycle writes nothing). */
  skipIfSame?: boolean;
}

/**
 * Replaces `path` atomically with `value`, after checking it against `schema`: what we write is always
 * what readJson accepts. Missing folders are created 0700 (the state directory is private).
 */
export async function writeJson<S extends z.ZodType>(
  path: string,
  schema: S,
  value: z.input<S>,
  opts: WriteJsonOptions,
): Promise<void> {
  const checked = schema.parse(value);
  const text = `${opts.compact ? JSON.stringify(checked) : JSON.stringify(checked, null, 2)}\n`;
  if (opts.skipIfSame && (await readFile(path, "utf8").catch(() => undefined)) === text) return;
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await writeFileAtomic(path, text, {
    mode: opts.mode ?? 0o600,
    what: opts.what,
    durable: opts.durable ?? true,
  });
}
