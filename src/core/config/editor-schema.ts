// The JSON Schema editors read (schema/config.schema.json): the config's own schema, plus what only the
// renderer registry knows: the ids `renderer:` accepts and, per renderer, the shape of its `options`
// (draft-07 if/then), so an editor completes and checks options as the loader will. The registry is
// handed in by the caller (scripts/gen-docs.ts), so the config module never names a renderer.
import { z } from "zod";
import { configJsonSchema } from "./json-schema.ts";
import type { RendererSpec } from "./renderer-rules.ts";

type Json = Record<string, unknown>;

function optionsSchema(r: RendererSpec): Json | undefined {
  if (!r.options) return undefined;
  const { $schema: _drop, ...rest } = z.toJSONSchema(r.options, { io: "input", target: "draft-7" }) as Json;
  return rest;
}

export function editorJsonSchema(renderers: readonly RendererSpec[]): Json {
  const schema = configJsonSchema() as Json & { properties: { outputs: { items: { anyOf: Json[] } } } };
  const variant = schema.properties.outputs.items.anyOf.find(
    (v) => (v.properties as Json | undefined)?.renderer !== undefined,
  );
  if (!variant) throw new Error("editorJsonSchema: the outputs schema has no renderer entry");
  const props = variant.properties as Record<string, Json>;
  props.renderer = { ...props.renderer, enum: renderers.map((r) => r.id) };
  variant.allOf = renderers.flatMap((r) => {
    const options = optionsSchema(r);
    if (!options) return [];
    return [
      {
        if: { properties: { renderer: { const: r.id } }, required: ["renderer"] },
        then: { properties: { options: { ...options, description: `Options of the ${r.id} renderer.` } } },
      },
    ];
  });
  return schema;
}
