// One key's entry in docs/configuration.md: heading, description, then type, default and constraints.
import type { JsonSchema } from "./describe.ts";

const code = (value: unknown) => `\`${typeof value === "string" ? value : JSON.stringify(value)}\``;
const json = (value: unknown) => `\`${JSON.stringify(value)}\``;

function typeOf(s: JsonSchema | undefined): string {
  if (!s) return "any";
  if (s.enum) return "string";
  if (s.anyOf)
    return s.anyOf.every((v) => v.type === "object") ? "mapping" : s.anyOf.map(typeOf).join(" or ");
  if (s.type === "array") return `list of ${typeOf(s.items)}s`;
  if (s.type === "object" && typeof s.additionalProperties === "object" && !s.properties) {
    const value = typeOf(s.additionalProperties);
    return `mapping of keys to ${value === "any" ? "anything" : value}`;
  }
  if (s.type === "object") return "mapping";
  if (Array.isArray(s.type)) return s.type.join(" or ");
  return s.type ?? "any";
}

/** Constraints on a scalar (or on a list's items, prefixed "each item"). */
function constraints(s: JsonSchema, prefix = ""): string[] {
  const facts: string[] = [];
  if (s.enum) facts.push(`allowed values: ${s.enum.map(code).join(", ")}`);
  if (s.pattern) facts.push(`pattern: ${code(s.pattern)}`);
  if (s.minimum !== undefined && s.maximum !== undefined) facts.push(`range: ${s.minimum} to ${s.maximum}`);
  if (s.minLength !== undefined && s.minLength > 0) facts.push("must not be empty");
  if (s.minItems !== undefined && s.minItems > 0) facts.push(`at least ${s.minItems} item(s)`);
  if (s.examples && s.examples.length > 0) facts.push(`example: ${s.examples.map(code).join(", ")}`);
  const capital = (f: string) => f.charAt(0).toUpperCase() + f.slice(1);
  return facts.map((f) => (prefix === "" ? capital(f) : `${prefix}${f}`));
}

export function describeKey(path: string, s: JsonSchema, required: boolean): string {
  const facts = [`Type: ${typeOf(s)}`];
  if (required) facts.push("Required");
  // A mapping whose keys all have defaults defaults to `{}`; its keys show the real defaults below.
  else if (s.default !== undefined && !s.properties) facts.push(`Default: ${json(s.default)}`);
  else facts.push(s.properties ? "Optional; its keys have defaults" : "Optional");
  facts.push(...constraints(s));
  if (s.items && !s.items.properties && !s.items.anyOf) facts.push(...constraints(s.items, "Each item: "));
  const record = typeof s.additionalProperties === "object" && !s.properties;
  if (record && s.propertyNames) facts.push(...constraints(s.propertyNames as JsonSchema, "Each key: "));
  if (record && typeof s.additionalProperties === "object")
    facts.push(...constraints(s.additionalProperties, "Each value: "));
  const body = s.description ? `${s.description}\n\n` : "";
  return `### \`${path}\`\n\n${body}${facts.map((f) => `- ${f}`).join("\n")}\n`;
}
