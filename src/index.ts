// The package's public API (package.json "exports"): what a renderer module may import,
// `import { defineRenderer } from "aws-sso-sync"`. The CLI is the `aws-sso-sync` bin, not this file.
export { defineRenderer } from "./core/render/contract.ts";
export type {
  AnyRenderer,
  RenderContext,
  Renderer,
  TemplateData,
  WriteMode,
} from "./core/render/contract.ts";
export type { Model, ModelAccount, ModelProfile, ModelRole, ModelSession } from "./core/model/model.ts";
