// Turns zod issues into one-line problems: what is wrong, at which path, and how to fix it. Messages
// written in the schema (rules.ts) already read "<rule> (<fix>)"; zod's own codes are phrased here.
import type { z } from "zod";
import type { ConfigPath } from "./locate.ts";
import { DOCS, problem, splitRule, type Issue, type IssueContext, type Problem } from "./problem.ts";
import { example, expectedName, isRecord, schemaAt, show, typeName, valueAt } from "./describe.ts";
import { closest, suggestFix } from "./suggest.ts";
import { isOutputEntry, unionProblems } from "./union.ts";
import { isOutputKind } from "./outputs.ts";

function typeFix(expected: string, value: unknown, src: string): string {
  const numeric = typeof value === "string" && value.trim() !== "" && !Number.isNaN(Number(value));
  if (value === null) return "give it a value or remove the key";
  if (expected === "string" && (typeof value === "number" || typeof value === "boolean"))
    return `quote it: "${src}"`;
  if ((expected === "number" || expected === "int") && numeric)
    return `write it without quotes: ${value.trim()}`;
  if (expected === "int" && typeof value === "number") return "use a whole number";
  if (expected === "boolean") return "write true or false";
  if (expected === "array" && !Array.isArray(value) && !isRecord(value)) return `write a list: [${src}]`;
  if (expected === "object" || expected === "record") return "write indented key: value lines under it";
  return DOCS;
}

function typeProblem(issue: z.core.$ZodIssueInvalidType, path: ConfigPath, ctx: IssueContext): Problem {
  const value = valueAt(ctx.raw, path);
  const key = String(path[path.length - 1]);
  const parent = valueAt(ctx.raw, path.slice(0, -1));
  if (value === undefined && path.length > 0 && isRecord(parent) && !(key in parent)) {
    const ex = example(schemaAt(ctx.schema, path, ctx.raw));
    return problem(
      path,
      `missing required key '${key}'`,
      ex === undefined ? `add ${key}; ${DOCS}` : `add ${key}: ${ex}`,
    );
  }
  const start = "start from config.example.yaml";
  if (path.length === 0 && value == null) return problem(path, "the file is empty", start);
  if (path.length === 0)
    return problem(path, `expected a mapping of settings, got ${typeName(value)}`, start);
  const scalar = typeof value === "string" || typeof value === "number" || typeof value === "boolean";
  const got = scalar ? `${typeName(value)} ${show(value)}` : typeName(value);
  // z.int() reports a non-number as "expected number"; the schema knows it wants an integer.
  const expected = schemaAt(ctx.schema, path, ctx.raw)?.type === "integer" ? "int" : issue.expected;
  const fix = typeFix(expected, value, ctx.source(path) ?? String(value));
  return problem(path, `expected ${expectedName(expected)}, got ${got}`, fix);
}

function sizeProblem(
  issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig,
  path: ConfigPath,
  ctx: IssueContext,
) {
  const small = issue.code === "too_small";
  const limit = small ? issue.minimum : issue.maximum;
  const schema = schemaAt(ctx.schema, path, ctx.raw);
  if (issue.origin === "array") {
    const fallback = schema?.default;
    const fix = Array.isArray(fallback) && fallback.length > 0 ? `e.g. [${fallback.join(", ")}]` : DOCS;
    return problem(path, small ? `needs at least ${limit} item(s)` : `has more than ${limit} items`, fix);
  }
  if (issue.origin === "string")
    return problem(path, "must not be empty", "give it a value or remove the key");
  const range = schema?.minimum !== undefined && schema.maximum !== undefined;
  const fix = range ? `use a value from ${schema.minimum} to ${schema.maximum}` : DOCS;
  const side = small ? "below the minimum" : "above the maximum";
  return problem(path, `${show(valueAt(ctx.raw, path))} is ${side} ${limit}`, fix);
}

function issueProblems(issue: Issue, path: ConfigPath, ctx: IssueContext): Problem[] {
  const value = valueAt(ctx.raw, path);
  switch (issue.code) {
    case "invalid_type":
      return [typeProblem(issue, path, ctx)];
    case "unrecognized_keys": {
      const allowed = Object.keys(schemaAt(ctx.schema, path, ctx.raw)?.properties ?? {});
      // A second kind key on an output (renderer + template) is reported by the semantic rules.
      const keys = isOutputEntry(path) ? issue.keys.filter((k) => !isOutputKind(k)) : issue.keys;
      return keys.map((k) => problem([...path, k], `unknown key '${k}'`, suggestFix(k, allowed), "key"));
    }
    case "invalid_value": {
      const values = issue.values.map(String);
      const fix = closest(String(value), values) ? suggestFix(String(value), values) : "use one of these";
      return [problem(path, `${show(value)} is not one of ${values.join(", ")}`, fix)];
    }
    case "too_small":
    case "too_big":
      return [sizeProblem(issue, path, ctx)];
    case "invalid_union":
      return unionProblems(issue, path, ctx, problemsFromIssues);
    case "invalid_key":
      return issue.issues.map((inner) => {
        const { rule, fix } = splitRule(inner.message);
        return problem(path, `key ${show(path[path.length - 1])} ${rule}`, fix, "key");
      });
    default: {
      const { rule, fix } = splitRule(issue.message);
      return [problem(path, `${show(value)} ${rule}`, fix)];
    }
  }
}

export function problemsFromIssues(
  issues: readonly Issue[],
  ctx: IssueContext,
  prefix: ConfigPath = [],
): Problem[] {
  return issues.flatMap((issue) => issueProblems(issue, [...prefix, ...issue.path], ctx));
}
