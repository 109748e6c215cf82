// parseConfig: YAML text → validated Config, in stages (YAML → schema + cross-field rules → warnings),
// collecting every problem of a stage before it throws one ConfigError listing them all.
import { docPath } from "../package-files.ts";
import { LineCounter, parseDocument, type Document } from "yaml";
import { ConfigError } from "../errors.ts";
import type { Env } from "../paths.ts";
import { configJsonSchema } from "./json-schema.ts";
import { problemsFromIssues } from "./issues.ts";
import type { Problem } from "./problem.ts";
import { formatPath, locate, sourceText } from "./locate.ts";
import { resolveConfigPaths } from "./resolve.ts";
import { configSchema, type Config } from "./schema.ts";
import { rendererProblems, type RendererSpec } from "./renderer-rules.ts";
import { semanticProblems } from "./semantic.ts";
import { targetProblems } from "./targets.ts";
import { configWarnings } from "./warnings.ts";
import type { JsonSchema } from "./describe.ts";

export interface ParseOptions {
  /** Resolve relative `template`, `module` and `file` paths against this directory (and expand ~/). */
  baseDir?: string;
  env?: Env;
  /** The config file's own path: no output may write it (checked with `baseDir`). */
  configFile?: string;
  /** The renderers `renderer:` may name, with their option schemas (from the caller's registry). */
  renderers?: readonly RendererSpec[];
}

const HINT = `fix each problem listed above; every key is described in ${docPath("configuration.md")}`;

interface Located {
  line: number;
  col: number;
  text: string;
}

function format(source: string, doc: Document, lines: LineCounter, problems: Problem[]): Located[] {
  return problems.map((p) => {
    const { line, col } = locate(doc, lines, p.path, p.target);
    return { line, col, text: `${source}:${line}:${col}: ${formatPath(p.path)}: ${p.message} (${p.fix})` };
  });
}

function sorted(located: Located[]): string[] {
  return located.sort((a, b) => a.line - b.line || a.col - b.col).map((l) => l.text);
}

/** yaml's pretty messages end in " at line N, column M:" plus a code excerpt; we print our own position. */
function yamlProblems(source: string, errors: Document["errors"]): Located[] {
  return errors.map((e) => {
    const message = (e.message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+:?$/, "");
    const { line, col } = e.linePos?.[0] ?? { line: 1, col: 1 };
    return {
      line,
      col,
      text: `${source}:${line}:${col}: YAML syntax: ${message} (fix the YAML at this position)`,
    };
  });
}

export function parseConfig(
  text: string,
  source: string,
  options: ParseOptions = {},
): { config: Config; warnings: string[] } {
  const lines = new LineCounter();
  // merge: true lets users share settings with YAML merge keys (<<: *defaults).
  const doc = parseDocument(text, { lineCounter: lines, merge: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    const problems = sorted(yamlProblems(source, doc.errors));
    throw new ConfigError(`${source}: the file is not valid YAML`, problems, HINT);
  }
  const warnings = yamlProblems(source, doc.warnings).map((w) => w.text);
  let raw: unknown;
  try {
    // toJS caps alias expansion (maxAliasCount 100), so a "billion laughs" file fails fast.
    raw = doc.toJS();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new ConfigError(
      `${source}: the file is not valid YAML`,
      [`${source}:1:1: YAML: ${message} (use fewer aliases)`],
      HINT,
    );
  }

  const result = configSchema.safeParse(raw);
  const ctx = {
    raw,
    schema: configJsonSchema() as JsonSchema,
    source: (path: readonly PropertyKey[]) => sourceText(doc, text, path),
  };
  const problems = [
    ...(result.success ? [] : problemsFromIssues(result.error.issues, ctx)),
    ...semanticProblems(raw),
    ...rendererProblems(raw, options.renderers),
    // Where a relative `file` lands is only known with the folder it is relative to.
    ...(options.baseDir === undefined
      ? []
      : targetProblems(raw, options.baseDir, options.env ?? process.env, options.configFile)),
  ];
  if (problems.length > 0 || !result.success) {
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    throw new ConfigError(
      `${source}: ${count} in the config`,
      sorted(format(source, doc, lines, problems)),
      HINT,
    );
  }
  warnings.push(...sorted(format(source, doc, lines, configWarnings(result.data))));
  const config =
    options.baseDir === undefined
      ? result.data
      : resolveConfigPaths(result.data, options.baseDir, options.env);
  return { config, warnings };
}
