// schema/config.schema.json and docs/configuration.md are generated from the zod schema; these tests fail
// when either is stale (fix: npm run docs) and check that the JSON Schema agrees with the zod schema.
import { builtinRenderers } from "../../renderers/index.ts";
import { editorJsonSchema } from "./editor-schema.ts";
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { configJsonSchema, configSchema } from "./index.ts";
import { renderDocs } from "./docs.ts";
import type { JsonSchema } from "./describe.ts";

const read = (rel: string) =>
  readFileSync(fileURLToPath(new URL(`../../../${rel}`, import.meta.url)), "utf8");
const schema = configJsonSchema() as JsonSchema;

/** The subset of JSON Schema draft-07 that configJsonSchema() uses; returns the failing paths. */
function validate(s: JsonSchema, value: unknown, path = "$"): string[] {
  const types = s.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type];
  const is: Record<string, (v: unknown) => boolean> = {
    string: (v) => typeof v === "string",
    number: (v) => typeof v === "number",
    integer: (v) => Number.isInteger(v),
    boolean: (v) => typeof v === "boolean",
    array: Array.isArray,
    object: (v) => typeof v === "object" && v !== null && !Array.isArray(v),
  };
  if (types.length > 0 && !types.some((t) => is[t]?.(value))) return [`${path}: type`];
  if (s.anyOf && !s.anyOf.some((v) => validate(v, value, path).length === 0)) return [`${path}: anyOf`];
  const errors: string[] = [];
  if (s.enum && !s.enum.includes(value)) errors.push(`${path}: enum`);
  if (typeof value === "string") {
    if (s.pattern && !new RegExp(s.pattern, "u").test(value)) errors.push(`${path}: pattern`);
    if (s.minLength !== undefined && value.length < s.minLength) errors.push(`${path}: minLength`);
  }
  if (typeof value === "number" && ((s.minimum ?? -Infinity) > value || (s.maximum ?? Infinity) < value))
    errors.push(`${path}: range`);
  if (Array.isArray(value)) {
    if (value.length < (s.minItems ?? 0)) errors.push(`${path}: minItems`);
    if (s.items) value.forEach((v, i) => errors.push(...validate(s.items as JsonSchema, v, `${path}[${i}]`)));
  }
  if (is.object?.(value)) {
    const obj = value as Record<string, unknown>;
    for (const key of s.required ?? []) if (!(key in obj)) errors.push(`${path}.${key}: required`);
    for (const [key, v] of Object.entries(obj)) {
      if (s.propertyNames)
        errors.push(...validate(s.propertyNames as JsonSchema, key, `${path}.${key}(key)`));
      const child = s.properties?.[key] ?? s.additionalProperties;
      if (child === false) errors.push(`${path}.${key}: additional`);
      else if (typeof child === "object") errors.push(...validate(child, v, `${path}.${key}`));
    }
  }
  return errors;
}

describe("generated files", () => {
  test("schema/config.schema.json is up to date (run: npm run docs)", () => {
    const editor = editorJsonSchema(builtinRenderers);
    assert.equal(read("schema/config.schema.json"), `${JSON.stringify(editor, null, 2)}\n`);
  });

  test("the editor schema knows every renderer id and describes each renderer's options", () => {
    const file = JSON.parse(read("schema/config.schema.json")) as {
      properties: { outputs: { items: { anyOf: Array<Record<string, unknown>> } } };
    };
    const variant = file.properties.outputs.items.anyOf[0] as {
      properties: { renderer: { enum: string[] } };
      allOf: Array<{
        if: { properties: { renderer: { const: string } } };
        then: { properties: { options: { properties: Record<string, { enum?: string[] }> } } };
      }>;
    };
    assert.deepEqual(
      variant.properties.renderer.enum,
      builtinRenderers.map((r) => r.id),
    );
    for (const r of builtinRenderers.filter((x) => x.options)) {
      const rule = variant.allOf.find((a) => a.if.properties.renderer.const === r.id);
      assert.ok(rule, `no if/then for ${r.id}`);
      const keys = Object.keys((r.options as unknown as { shape: object }).shape);
      assert.deepEqual(Object.keys(rule.then.properties.options.properties).sort(), keys.sort(), r.id);
    }
    const shell = variant.allOf.find((a) => a.if.properties.renderer.const === "shell");
    assert.ok(shell?.then.properties.options.properties.shell?.enum?.includes("fish"));
  });

  test("docs/configuration.md is up to date (run: npm run docs)", () => {
    assert.equal(read("docs/configuration.md"), renderDocs(schema));
  });

  test("the docs describe every key of the schema", () => {
    const docs = renderDocs(schema);
    const missing: string[] = [];
    const walk = (s: JsonSchema, path: string) => {
      for (const v of s.anyOf ?? []) walk(v, path);
      for (const [key, child] of Object.entries(s.properties ?? {})) {
        const p = path === "" ? key : `${path}.${key}`;
        if (!child.description) missing.push(`${p}: no description`);
        if (!docs.includes(`### \`${p}\``)) missing.push(`${p}: not in the docs`);
        walk(child, p);
      }
      if (s.items) walk(s.items, `${path}[]`);
    };
    walk(schema, "");
    assert.deepEqual(missing, []);
  });
});

describe("JSON Schema", () => {
  test("is draft-07, strict, and marks only sessions (and each session's basics) as required", () => {
    assert.equal(schema.$schema, "http://json-schema.org/draft-07/schema#");
    assert.deepEqual(schema.required, ["sessions"]);
    assert.equal(schema.additionalProperties, false);
    assert.deepEqual(schema.properties?.sessions?.items?.required, ["name", "startUrl", "region"]);
  });

  test("config.example.yaml points at it and validates against it", () => {
    const text = read("config.example.yaml");
    assert.equal(text.split("\n")[0], "# yaml-language-server: $schema=./schema/config.schema.json");
    const example: unknown = parse(text);
    assert.deepEqual(validate(schema, example), []);
    // Every top-level key appears in the example, so it really is a tour of every setting.
    assert.deepEqual(Object.keys(example as object).sort(), Object.keys(schema.properties ?? {}).sort());
  });

  const session = { name: "acme", startUrl: "https://d-1234567890.awsapps.com/start", region: "eu-north-1" };
  const samples: Array<[string, unknown]> = [
    ["minimal", { sessions: [session] }],
    ["no sessions", { sessions: [] }],
    ["unknown key", { sessions: [session], sesions: [] }],
    ["unknown session key", { sessions: [{ ...session, startURL: "x" }] }],
    ["missing startUrl", { sessions: [{ name: "a", region: "eu-north-1" }] }],
    ["bad flow", { sessions: [{ ...session, flow: "x" }] }],
    ["bad region", { sessions: [{ ...session, region: "north" }] }],
    ["lead out of range", { sessions: [session], refreshLeadSeconds: 10 }],
    ["lead a fraction", { sessions: [session], refreshLeadSeconds: 100.5 }],
    ["template without file", { sessions: [session], outputs: [{ template: "t.hbs" }] }],
    ["renderer and module", { sessions: [session], outputs: [{ renderer: "aws-config", module: "m.mjs" }] }],
    [
      "every output kind",
      {
        sessions: [session],
        outputs: [{ renderer: "aws-config" }, { template: "t", file: "f" }, { module: "m" }],
      },
    ],
    ["extra key in capitals", { sessions: [session], profiles: { extraKeys: { Output: "json" } } }],
    ["extra value number", { sessions: [session], profiles: { extraKeys: { max_attempts: 3 } } }],
    ["log level", { sessions: [session], log: { level: "verbose" } }],
  ];

  test("agrees with the zod schema on what is valid", () => {
    for (const [label, value] of samples) {
      const zodOk = configSchema.safeParse(value).success;
      const jsonOk = validate(schema, value).length === 0;
      assert.equal(jsonOk, zodOk, `${label}: zod says ${zodOk}, JSON Schema says ${jsonOk}`);
    }
    // And the samples exercise both answers.
    assert.ok(samples.some(([, v]) => configSchema.safeParse(v).success));
    assert.ok(samples.some(([, v]) => !configSchema.safeParse(v).success));
  });
});
