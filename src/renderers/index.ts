// The renderer registry: one import and one entry per built-in renderer. A conformance test checks that
// every folder under src/renderers/ is registered here and has a readme and a template.
import { awsConfig } from "./aws-config/index.ts";
import { awsVault } from "./aws-vault/index.ts";
import { granted } from "./granted/index.ts";
import { shell } from "./shell/index.ts";
import type { AnyRenderer } from "../core/render/contract.ts";

export const builtinRenderers: readonly AnyRenderer[] = [awsConfig, awsVault, granted, shell];
