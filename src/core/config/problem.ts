// A problem found in the config: the path it is about, what is wrong and how to fix it. The parser turns
// each into one line, `<file>:<line>:<col>: <path>: <message> (<fix>)`.
import type { z } from "zod";
import type { ConfigPath, Target } from "./locate.ts";
import type { JsonSchema } from "./describe.ts";

export type Issue = z.core.$ZodIssue;

export interface Problem {
  path: ConfigPath;
  message: string;
  fix: string;
  /** Point at the key (unknown keys) or at the value (everything else). */
  target: Target;
}

export interface IssueContext {
  raw: unknown;
  schema: JsonSchema;
  /** The value's text as written in the YAML, to suggest quoting it exactly. */
  source(path: ConfigPath): string | undefined;
}

export const DOCS = "see docs/configuration.md";

export function problem(path: ConfigPath, message: string, fix: string, target: Target = "value"): Problem {
  return { path, message, fix, target };
}

/** Splits a schema message "is not X (do Y)" into its rule and fix. */
export function splitRule(message: string): { rule: string; fix: string } {
  const open = message.lastIndexOf(" (");
  if (open < 0 || !message.endsWith(")")) return { rule: message, fix: DOCS };
  return { rule: message.slice(0, open), fix: message.slice(open + 2, -1) };
}
