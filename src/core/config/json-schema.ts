// The JSON Schema of the config file, for editors (yaml-language-server) and for the docs generator.
// It describes what the user writes (zod's "input" side: keys with defaults are optional).
import { z } from "zod";
import { configSchema } from "./schema.ts";

let cached: Record<string, unknown> | undefined;

export function configJsonSchema(): Record<string, unknown> {
  // draft-07 is the newest draft that yaml-language-server fully supports.
  cached ??= {
    ...z.toJSONSchema(configSchema, { io: "input", target: "draft-7" }),
    $comment: "Generated from src/core/config/schema.ts by `npm run docs`. Do not edit.",
  };
  return structuredClone(cached);
}
