// The config module: one zod schema (schema.ts) gives the types, defaults, JSON Schema and docs.
export {
  configSchema,
  tuningDefaults,
  type Config,
  type SessionConfig,
  type OutputConfig,
} from "./schema.ts";
export { parseConfig } from "./parse.ts";
export { loadConfig } from "./load.ts";
export { configJsonSchema } from "./json-schema.ts";
