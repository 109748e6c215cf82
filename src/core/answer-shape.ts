// Every portal and OIDC answer is checked against the shape we rely on before it is believed: the SDK
// takes any JSON object in a 200 and leaves missing members undefined, so `200 {}` would read as "no
// accounts" and prune every profile (docs/internals/api-answers.md).
import type { z } from "zod";
import { NetworkError } from "./errors.ts";

const NAMED_PROBLEMS = 3;

/** A success answer without the members we need. Retried like a 5xx; its content is never used. */
export class UnexpectedAnswerError extends NetworkError {
  readonly operation: string;
  /** The message without the operation's name (for lists that already name it). */
  readonly detail: string;

  constructor(operation: string, problems: readonly string[], hint: string) {
    const detail = `the service answered an unexpected body (${problems.join("; ")})`;
    super(`${operation}: ${detail}`, { hint });
    this.operation = operation;
    this.detail = detail;
  }
}

/**
 * Returns the parsed answer or throws UnexpectedAnswerError naming the fields. Problems name a path and
 * what was expected, never a value: answers carry tokens and secrets.
 */
export function checkAnswer<S extends z.ZodType>(
  operation: string,
  schema: S,
  answer: unknown,
  hint: string,
): z.output<S> {
  const parsed = schema.safeParse(answer);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues;
  const problems = issues
    .slice(0, NAMED_PROBLEMS)
    .map((i) => `${i.path.length > 0 ? i.path.join(".") : "body"}: ${i.message}`);
  if (issues.length > NAMED_PROBLEMS) problems.push(`and ${issues.length - NAMED_PROBLEMS} more`);
  throw new UnexpectedAnswerError(operation, problems, hint);
}

/** A zod error map for required members: "missing" or "expected <what>", never the value received. */
export const expected = (what: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? "missing" : `expected ${what}`),
});
