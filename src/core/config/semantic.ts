// Rules that span fields. They run on the raw YAML value, beside the schema stage, so that one run
// reports every problem; each rule skips whatever the schema stage already rejects (wrong types).
import { formatPath, type ConfigPath } from "./locate.ts";
import { isRecord, show } from "./describe.ts";
import { outputProblems, type Named } from "./output-rules.ts";
import { problem, type Problem } from "./problem.ts";
import { discoverySchema } from "./schema.ts";
import { suggestFix } from "./suggest.ts";

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** The string `key` of each entry of a list, with its path. */
function names(entries: unknown, base: ConfigPath, key = "name"): Named[] {
  return list(entries).flatMap((entry, i) => {
    const name = isRecord(entry) ? entry[key] : undefined;
    return typeof name === "string" ? [{ name, path: [...base, i, key] }] : [];
  });
}

/** Reports every later entry whose name an earlier entry already used. */
function unique(entries: readonly Named[], what: string): Problem[] {
  const seen = new Map<string, ConfigPath>();
  return entries.flatMap(({ name, path }) => {
    const first = seen.get(name);
    if (first === undefined) return (seen.set(name, path), []);
    return [
      problem(
        path,
        `${what} ${show(name)} is already used by ${formatPath(first)}`,
        `${what}s must be unique; rename one`,
      ),
    ];
  });
}

export function semanticProblems(raw: unknown): Problem[] {
  if (!isRecord(raw)) return [];
  const sessions = names(raw.sessions, ["sessions"]);
  const sessionNames = [...new Set(sessions.map((s) => s.name))];
  const outputs = outputProblems(list(raw.outputs));
  const profiles = isRecord(raw.profiles) ? raw.profiles : {};
  const problems = [
    ...unique(sessions, "session name"),
    ...outputs.problems,
    ...unique(outputs.names, "output name"),
    ...unique(names(profiles.aliases, ["profiles", "aliases"]), "alias name"),
  ];
  // A rule or alias naming a session that does not exist would silently never match.
  for (const key of ["regions", "aliases"] as const) {
    for (const { name, path } of names(profiles[key], ["profiles", key], "session")) {
      if (sessionNames.length > 0 && !sessionNames.includes(name))
        problems.push(problem(path, `no session is named ${show(name)}`, suggestFix(name, sessionNames)));
    }
  }
  const discovery = isRecord(raw.discovery) ? raw.discovery : {};
  // Defaults from the schema itself: this check runs on the raw file, before they are applied.
  const defaults = discoverySchema.parse({});
  const start = discovery.concurrency ?? defaults.concurrency;
  const max = discovery.maxConcurrency ?? defaults.maxConcurrency;
  if (typeof start === "number" && typeof max === "number" && start > max)
    problems.push(
      problem(
        ["discovery", "concurrency"],
        `${start} is above maxConcurrency ${max}`,
        "lower concurrency or raise maxConcurrency",
      ),
    );
  return problems;
}
