// A runtime is everything a sync needs that comes from files: the parsed config and every output compiled
// in its own Handlebars environment. A reload builds a complete new runtime first and the daemon swaps it
// in only when it is valid (Vite's restartServer, c12's watchConfig): a bad edit leaves the old one running.
// "Valid" includes a trial render against the last good discovery, so a template that compiles but uses
// an unknown field is refused here rather than failing at the next tick.
import { loadConfig, type Config, type SessionConfig } from "../config/index.ts";
import { ConfigError, problemsOf } from "../errors.ts";
import type { Env } from "../paths.ts";
import type { RendererRegistry } from "../render/contract.ts";
import { loadOutputs, type LoadedOutputs, type ResolvedOutput } from "../render/loader.ts";
import { namedProblems, renderChecked } from "../render/output.ts";
import { ModelMemo } from "../model/memo.ts";
import { lastGoodModel } from "../state/last-good.ts";

export interface Runtime {
  file: string;
  config: Config;
  outputs: LoadedOutputs;
  /** The config file and every user template, partial and template folder: a change means a reload. */
  watched: string[];
  warnings: string[];
  loadedAt: Date;
  /** The renderer registry it was built with: a reload builds the next runtime from the same. */
  renderers: RendererRegistry;
  /** Models of this runtime's config, kept between cycles: an unchanged cycle builds and renders nothing. */
  models: ModelMemo;
}

async function trialRender(config: Config, outputs: ResolvedOutput[], env: Env): Promise<string[]> {
  try {
    const { model } = await lastGoodModel(config, env);
    // The same render-and-check as sync, validate and render (output.ts): what a reload accepts, a sync writes.
    return outputs.flatMap((o) => namedProblems(renderChecked(o, model, env), o.name));
  } catch (err) {
    return problemsOf(err);
  }
}

/** Loads and checks everything; throws ConfigError listing every problem found. */
export async function buildRuntime(file: string, env: Env, renderers: RendererRegistry): Promise<Runtime> {
  const { config, file: path, warnings } = await loadConfig(file, { env, renderers });
  const outputs = await loadOutputs(config, { env, renderers });
  const problems = outputs.failed.flatMap((f) => problemsOf(f.error));
  if (problems.length === 0) problems.push(...(await trialRender(config, outputs.outputs, env)));
  if (problems.length > 0) {
    throw new ConfigError(
      `${path}: the config or a template it uses is invalid`,
      problems,
      "fix the problems above; nothing was changed",
    );
  }
  const targets = new Set(outputs.outputs.map((o) => o.file));
  // An output written by the daemon itself must never look like an edit to its own inputs.
  const watched = [...new Set([path, ...outputs.outputs.flatMap((o) => o.watch ?? [])])].filter(
    (p) => !targets.has(p),
  );
  const models = new ModelMemo();
  return { file: path, config, outputs, watched, warnings, loadedAt: new Date(), renderers, models };
}

/** Sessions that are new in `next` or whose settings changed: they need a discovery after a swap. */
export function changedSessions(prev: Config, next: Config): string[] {
  const before = new Map<string, SessionConfig>(prev.sessions.map((s) => [s.name, s]));
  return next.sessions
    .filter((s) => JSON.stringify(before.get(s.name)) !== JSON.stringify(s))
    .map((s) => s.name);
}
