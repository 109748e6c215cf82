// Test helpers: a model from a list of accounts (through the real model builder), one built-in renderer
// rendered against it, and whole configs planned and written through the real loader and writer.
import { buildModel } from "../../../src/core/model/build.ts";
import { configSchema, type Config } from "../../../src/core/config/index.ts";
import type { DiscoveredAccount, Model } from "../../../src/core/model/model.ts";
import type { Env } from "../../../src/core/paths.ts";
import { createEngine } from "../../../src/core/render/engine.ts";
import { loadOutputs, TEMPLATES_DIR } from "../../../src/core/render/loader.ts";
import { compileRenderer } from "../../../src/core/render/user-renderers.ts";
import {
  applyFilePlans,
  planFiles,
  renderOutput,
  type OutputResult,
} from "../../../src/core/render/write-files.ts";
import { builtinRenderers } from "../../../src/renderers/index.ts";

export const START_URL = "https://d-1234567890.awsapps.com/start";

export function testConfig(extra: Record<string, unknown> = {}): Config {
  return configSchema.parse({
    sessions: [{ name: "acme", startUrl: START_URL, region: "eu-north-1", defaultRegion: "eu-west-1" }],
    ...extra,
  });
}

export function modelOf(accounts: DiscoveredAccount[], config: Config = testConfig()): Model {
  return buildModel(config, [{ session: config.sessions[0]?.name ?? "acme", accounts }], createEngine())
    .model;
}

export function account(
  id: string,
  name: string,
  roles: string[],
  email = "a@example.com",
): DiscoveredAccount {
  return { accountId: id, accountName: name, emailAddress: email, roles };
}

export async function renderBuiltin(
  id: string,
  options: Record<string, unknown>,
  model: Model,
  env: Env = {},
): Promise<string> {
  const renderer = builtinRenderers.find((r) => r.id === id);
  if (!renderer) throw new Error(`no renderer ${id}`);
  const parsed = renderer.options ? renderer.options.parse(options) : options;
  const template = await compileRenderer(renderer, TEMPLATES_DIR);
  return renderOutput(
    { name: id, renderer, base: TEMPLATES_DIR, file: "", options: parsed, template },
    model,
    env,
  );
}

/** Loads `config`'s outputs, plans them on the files under `env`'s HOME and writes them; returns results. */
export async function writeOutputs(
  config: Config,
  model: Model,
  env: Env,
): Promise<{ results: OutputResult[]; warnings: string[] }> {
  const loaded = await loadOutputs(config, { env, renderers: builtinRenderers });
  if (loaded.failed.length > 0)
    throw new Error(loaded.failed.map((f) => `${f.name}: ${f.error.problems.join("; ")}`).join("\n"));
  const planned = await planFiles(loaded.outputs, model, env);
  return { results: await applyFilePlans(planned, env), warnings: planned.warnings };
}
