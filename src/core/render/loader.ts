// Resolves the config's outputs into renderer objects ready to render. Built-in renderers, template-only
// user outputs and user JS modules all become the same `AnyRenderer` shape here, checked the same way.
// The built-ins are not named here: the registry comes from the edges (CLI, daemon), so core stays free
// of its plugins. Every problem across all outputs is collected; the caller decides whether to drop them.
import { dirname, isAbsolute, join } from "node:path";
import type { Config, OutputConfig } from "../config/index.ts";
import { ConfigError, errorMessage } from "../errors.ts";
import { deepFreeze } from "../model/model.ts";
import { TEMPLATES_DIR } from "../package-files.ts";
import { expandHome, type Env } from "../paths.ts";
import type { AnyRenderer, RendererRegistry } from "./contract.ts";
import type { Template } from "./engine.ts";
import { DEFAULT_HOOK_TIMEOUT_MS, runHook, type HookOwner } from "./hooks.ts";
import { compileRenderer, moduleRenderer, userTemplateRenderer } from "./user-renderers.ts";

export { TEMPLATES_DIR };

export interface ResolvedOutput {
  name: string;
  renderer: AnyRenderer;
  /** Folder that relative template and partial paths of `renderer` are resolved against. */
  base: string;
  file: string;
  options: Record<string, unknown>;
  template: Template;
  /** The user's files this output is compiled from (a change means a reload); none for built-ins. */
  watch?: string[];
  /** For messages: `module /home/me/x.mjs`, `renderer aws-config`. Default: the renderer's id. */
  origin?: string;
  /** Time limit of each hook call and of the template. Default: DEFAULT_HOOK_TIMEOUT_MS. */
  limitMs?: number;
  /** Whether the result must name the model's profiles (rendersProfiles in contract.ts). */
  rendersProfiles?: boolean;
  /**
   * The result depends on the model, the options and env alone (built-ins and templates), so the same
   * inputs may reuse the last result (output.ts). A module's code may read the clock or files: false.
   */
  pure?: boolean;
}

/** Who runs an output's hooks, and under which time limit. */
export function hookOwner(out: ResolvedOutput): HookOwner {
  return {
    name: out.name,
    origin: out.origin ?? `renderer ${out.renderer.id}`,
    limitMs: out.limitMs ?? DEFAULT_HOOK_TIMEOUT_MS,
  };
}

/** Whole-file text (a page, a summary) may well name no profile; everything else lists them. */
export function rendersProfiles(out: ResolvedOutput): boolean {
  const { mode } = out.renderer;
  return (
    out.rendersProfiles ?? out.renderer.rendersProfiles ?? !(mode.kind === "file" && mode.format === "text")
  );
}

export interface LoadedOutputs {
  outputs: ResolvedOutput[];
  /** Outputs that could not be loaded, with every problem; the others still run. */
  failed: Array<{ name: string; error: ConfigError }>;
}

export interface LoadOptions {
  env: Env;
  /** The built-in renderers, passed in by the caller (src/renderers/index.ts at the edges). */
  renderers: RendererRegistry;
  /** Time limit of each hook call; default DEFAULT_HOOK_TIMEOUT_MS. */
  limitMs?: number;
}

/** The files a user renderer is made of: its main template, partials, and a template folder itself. */
function watchedFiles(renderer: AnyRenderer, base: string, folder: string | undefined): string[] {
  const abs = (p: string): string => (isAbsolute(p) ? p : join(base, p));
  const partials = Object.values(renderer.partials ?? {}).map(abs);
  // A template folder (main.hbs + partials) is watched whole, so a new partial is noticed too.
  const main = renderer.template === undefined ? [] : [abs(renderer.template)];
  return [...main, ...partials, ...(folder ? [folder] : [])];
}

async function rendererOf(o: OutputConfig, index: number, registry: RendererRegistry) {
  if ("renderer" in o) {
    const found = registry.find((r) => r.id === o.renderer);
    if (!found) {
      const ids = registry.map((r) => r.id).join(", ");
      throw new ConfigError(`outputs[${index}]: unknown renderer "${o.renderer}"`, [
        `outputs[${index}].renderer: unknown renderer "${o.renderer}" (built-in renderers: ${ids})`,
      ]);
    }
    return { renderer: found, base: TEMPLATES_DIR, origin: `renderer ${found.id}`, watch: [], pure: true };
  }
  if ("template" in o) {
    const renderer = await userTemplateRenderer(o);
    const main = renderer.template ?? o.template;
    const folder = main.endsWith("/main.hbs") && main !== o.template ? dirname(main) : undefined;
    return {
      renderer,
      base: "/",
      origin: `template ${o.template}`,
      watch: watchedFiles(renderer, "/", folder),
      pure: true,
    };
  }
  const { renderer, base } = await moduleRenderer(o.module);
  const watch = watchedFiles(renderer, base, undefined);
  return { renderer, base, origin: `module ${o.module}`, watch, pure: false };
}

function parseOptions(renderer: AnyRenderer, o: OutputConfig, index: number): Record<string, unknown> {
  const options: Record<string, unknown> = o.options ?? {};
  if (!renderer.options) return options;
  const parsed = renderer.options.safeParse(options);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map(
    (i) =>
      `outputs[${index}].options${i.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("")}: ${i.message}`,
  );
  throw new ConfigError(`output "${o.name}": invalid options`, problems);
}

/** One config entry → a ready-to-render output; throws ConfigError with every problem of that entry. */
export async function resolveOutput(
  o: OutputConfig,
  index: number,
  opts: LoadOptions,
): Promise<ResolvedOutput> {
  const { renderer, base, origin, watch, pure } = await rendererOf(o, index, opts.renderers);
  // The name is the schema's (config/outputs.ts sets its default): one rule, not re-derived here.
  const name = o.name;
  // Shared by every render of this output: a hook must not change what the next render sees.
  const options = deepFreeze(parseOptions(renderer, o, index));
  const template = await compileRenderer(renderer, base);
  const owner: HookOwner = { name, origin, limitMs: opts.limitMs ?? DEFAULT_HOOK_TIMEOUT_MS };
  const env = opts.env;
  const file = o.file
    ? expandHome(o.file, env)
    : runHook(owner, "defaultFile()", () => renderer.defaultFile(Object.freeze({ ...env }), options));
  return { ...owner, renderer, base, file, options, template, watch, pure };
}

export async function loadOutputs(config: Config, opts: LoadOptions): Promise<LoadedOutputs> {
  const outputs: ResolvedOutput[] = [];
  const failed: LoadedOutputs["failed"] = [];
  const limitMs = config.hookTimeoutSeconds * 1000;
  for (const [i, o] of config.outputs.entries()) {
    if (o.enabled === false) continue;
    try {
      outputs.push(await resolveOutput(o, i, { ...opts, limitMs }));
    } catch (err) {
      failed.push({
        name: o.name,
        error: err instanceof ConfigError ? err : new ConfigError(errorMessage(err)),
      });
    }
  }
  return { outputs, failed };
}
