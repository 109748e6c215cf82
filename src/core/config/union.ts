// Union errors. zod reports every branch's failures; the user needs the failures of the branch they
// meant. For an output entry that is the branch named by its kind key (renderer, template or module).
import type { z } from "zod";
import type { ConfigPath } from "./locate.ts";
import { OUTPUT_KINDS } from "./outputs.ts";
import { expectedName, isRecord, typeName, valueAt } from "./describe.ts";
import { DOCS, problem, type Issue, type IssueContext, type Problem } from "./problem.ts";

type Recurse = (issues: readonly Issue[], ctx: IssueContext, prefix: ConfigPath) => Problem[];

export function isOutputEntry(path: ConfigPath): boolean {
  return path.length === 2 && path[0] === "outputs" && typeof path[1] === "number";
}

export function unionProblems(
  issue: z.core.$ZodIssueInvalidUnion,
  path: ConfigPath,
  ctx: IssueContext,
  recurse: Recurse,
): Problem[] {
  const value = valueAt(ctx.raw, path);
  if (isOutputEntry(path)) {
    if (!isRecord(value)) {
      const message = `expected a mapping with one of 'renderer', 'template' or 'module', got ${typeName(value)}`;
      return [problem(path, message, "e.g. - renderer: aws-config")];
    }
    // No kind key, or more than one: the semantic rules say so (zod does not always report a union error).
    const kinds = OUTPUT_KINDS.filter((k) => k in value);
    const [kind] = kinds;
    return kinds.length === 1 && kind
      ? recurse(issue.errors[OUTPUT_KINDS.indexOf(kind)] ?? [], ctx, path)
      : [];
  }
  // Scalar unions: a branch whose type did not even match says nothing useful about the value.
  const viable = issue.errors.filter(
    (errs) => !errs.some((e) => e.code === "invalid_type" && e.path.length === 0),
  );
  if (viable.length === 1 && viable[0]) return recurse(viable[0], ctx, path);
  const wanted = issue.errors.flatMap((errs) =>
    errs.flatMap((e) => (e.code === "invalid_type" && e.path.length === 0 ? [expectedName(e.expected)] : [])),
  );
  const last = wanted.pop() ?? "another type";
  const expected = wanted.length > 0 ? `${wanted.join(", ")} or ${last}` : last;
  return [problem(path, `expected ${expected}, got ${typeName(value)}`, DOCS)];
}
