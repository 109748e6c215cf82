// Small helpers to talk about values and to look things up in the generated JSON Schema (allowed keys,
// bounds, examples), shared by the issue formatter and the semantic rules.
import type { ConfigPath } from "./locate.ts";

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  anyOf?: JsonSchema[];
  enum?: unknown[];
  default?: unknown;
  description?: string;
  examples?: unknown[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  minLength?: number;
  [key: string]: unknown;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function valueAt(root: unknown, path: ConfigPath): unknown {
  let value = root;
  for (const step of path) {
    if (Array.isArray(value) && typeof step === "number") value = value[step];
    else if (isRecord(value)) value = value[String(step)];
    else return undefined;
  }
  return value;
}

/** The JSON Schema node for `path`; in an anyOf, the variant whose required keys the value has. */
export function schemaAt(schema: JsonSchema, path: ConfigPath, root: unknown): JsonSchema | undefined {
  let node: JsonSchema | undefined = schema;
  for (let i = 0; i <= path.length && node; i++) {
    if (node.anyOf) {
      const value = valueAt(root, path.slice(0, i));
      node =
        node.anyOf.find((v) => isRecord(value) && (v.required ?? []).some((k) => k in value)) ??
        node.anyOf[0];
    }
    if (i === path.length || !node) break;
    const step = path[i];
    if (typeof step === "number") node = node.items;
    else
      node =
        node.properties?.[String(step)] ??
        (isRecord(node.additionalProperties) ? node.additionalProperties : undefined);
  }
  return node;
}

export function typeName(value: unknown): string {
  if (value === null || value === undefined) return "nothing";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return "a string";
  if (typeof value === "boolean") return "a boolean";
  if (typeof value === "number") return Number.isInteger(value) ? "an integer" : "a number";
  return typeof value;
}

const EXPECTED: Record<string, string> = {
  string: "a string",
  number: "a number",
  int: "an integer",
  boolean: "true or false",
  array: "a list",
  object: "a mapping",
  record: "a mapping",
};
export function expectedName(expected: string): string {
  return EXPECTED[expected] ?? expected;
}

/** A short rendering of a value for a message: strings quoted, collections by kind. */
export function show(value: unknown): string {
  if (typeof value === "string")
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return typeName(value);
}

export function example(schema: JsonSchema | undefined): string | undefined {
  const value = schema?.examples?.[0] ?? schema?.default ?? schema?.enum?.[0];
  return typeof value === "string" || typeof value === "number" ? String(value) : undefined;
}
