// The config module: one zod schema (schema.ts) gives the types, defaults, JSON Schema and docs.
export {
  configSchema,
  type Config,
  type SessionConfig,
  type OutputConfig,
  type RendererOutputConfig,
  type TemplateOutputConfig,
  type ModuleOutputConfig,
} from "./schema.ts";
export { parseConfig, type ParseOptions } from "./parse.ts";
export { loadConfig } from "./load.ts";
export type { RendererSpec } from "./renderer-rules.ts";
export { configJsonSchema } from "./json-schema.ts";
export { resolveConfigPath, isModulePath } from "./resolve.ts";
export { defaultOutputName, OUTPUT_KINDS, type OutputKind } from "./outputs.ts";
