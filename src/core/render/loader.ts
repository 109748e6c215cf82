// Resolves the config's outputs into renderer objects ready to render. Built-in renderers, template-only
// user outputs and user JS modules all become the same `AnyRenderer` shape here, checked the same way.
// Every problem across all outputs is collected; the caller decides whether to drop the bad ones.
import { TEMPLATES_DIR } from "../package-files.ts";
import { readdir, readFile, stat } from "node:fs/promises";
import { basename, dirname, extname, isAbsolute, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Config, OutputConfig } from "../config/index.ts";
import { ConfigError, errorMessage } from "../errors.ts";
import { expandHome, type Env } from "../paths.ts";
import { builtinRenderers } from "../../renderers/index.ts";
import type { AnyRenderer, WriteMode } from "../../renderers/types.ts";
import { deepFreeze } from "../model.ts";
import { createEngine, type Template } from "./engine.ts";
import { DEFAULT_HOOK_TIMEOUT_MS, runHook, type HookOwner } from "./hooks.ts";
import { checkRendererShape } from "./shape.ts";

export { TEMPLATES_DIR };

export interface ResolvedOutput {
  name: string;
  renderer: AnyRenderer;
  /** Folder that relative template and partial paths of `renderer` are resolved against. */
  base: string;
  file: string;
  options: Record<string, unknown>;
  template: Template;
  /** For messages: `module /home/me/x.mjs`, `renderer aws-config`. Default: the renderer's id. */
  origin?: string;
  /** Time limit of each hook call and of the template. Default: DEFAULT_HOOK_TIMEOUT_MS. */
  limitMs?: number;
  /** Whether the result must name the model's profiles (rendersProfiles in src/renderers/types.ts). */
  rendersProfiles?: boolean;
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

function templatePath(p: string, base: string): string {
  return isAbsolute(p) ? p : join(base, p);
}

/** A user template (a file, or a folder holding main.hbs plus partials *.hbs) as a renderer object. */
export async function templateRenderer(
  path: string,
  file: string,
  mode: WriteMode,
  rendersProfiles?: boolean,
): Promise<AnyRenderer> {
  const isDir = (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
  const partials: Record<string, string> = {};
  if (isDir) {
    for (const f of (await readdir(path)).sort()) {
      if (f.endsWith(".hbs") && f !== "main.hbs") partials[basename(f, ".hbs")] = join(path, f);
    }
  }
  return {
    id: "template",
    description: `user template ${path}`,
    template: isDir ? join(path, "main.hbs") : path,
    partials,
    defaultFile: () => file,
    mode,
    ...(rendersProfiles === undefined ? {} : { rendersProfiles }),
  };
}

function userTemplateRenderer(o: Extract<OutputConfig, { template: string }>): Promise<AnyRenderer> {
  const mode: WriteMode =
    o.mode === "file"
      ? { kind: "file", format: o.format }
      : { kind: "region", comment: o.comment, format: o.format };
  return templateRenderer(o.template, o.file, mode, o.rendersProfiles);
}

/** Compiles a renderer's main template with its partials in a fresh Handlebars environment. */
export async function compileRenderer(renderer: AnyRenderer, base: string): Promise<Template> {
  const engine = createEngine();
  for (const [pname, ppath] of Object.entries(renderer.partials ?? {})) {
    const file = templatePath(ppath, base);
    const source = await readFile(file, "utf8").catch((err: unknown) => {
      throw new ConfigError(`cannot read partial ${file}`, [`${file}: ${errorMessage(err)}`]);
    });
    engine.registerPartial(pname, source, file);
  }
  return engine.loadFile(templatePath(renderer.template, base));
}

async function moduleRenderer(path: string): Promise<{ renderer: AnyRenderer; base: string }> {
  let mod: Record<string, unknown>;
  let base: string;
  try {
    // The config resolves paths to absolute ones; a bare package name is left to Node's resolution.
    const url = isAbsolute(path) ? pathToFileURL(path).href : import.meta.resolve(path);
    base = dirname(fileURLToPath(url));
    mod = (await import(url)) as Record<string, unknown>;
  } catch (err) {
    throw new ConfigError(
      `cannot load renderer module ${path}`,
      [`${path}: ${errorMessage(err)}`],
      "check the path and that the module is valid JavaScript (ESM)",
    );
  }
  const candidate = mod.default ?? mod.renderer;
  return { renderer: checkRendererShape(candidate, path), base };
}

/** One config entry → a ready-to-render output; throws ConfigError with every problem of that entry. */
export async function resolveOutput(
  o: OutputConfig,
  index: number,
  env: Env,
  limitMs = DEFAULT_HOOK_TIMEOUT_MS,
): Promise<ResolvedOutput> {
  let renderer: AnyRenderer;
  let base = TEMPLATES_DIR;
  let origin: string;
  if ("renderer" in o) {
    const found = builtinRenderers.find((r) => r.id === o.renderer);
    if (!found) {
      const ids = builtinRenderers.map((r) => r.id).join(", ");
      throw new ConfigError(`outputs[${index}]: unknown renderer "${o.renderer}"`, [
        `outputs[${index}].renderer: unknown renderer "${o.renderer}" (built-in renderers: ${ids})`,
      ]);
    }
    renderer = found;
    origin = `renderer ${found.id}`;
  } else if ("template" in o) {
    renderer = await userTemplateRenderer(o);
    base = "/";
    origin = `template ${o.template}`;
  } else {
    ({ renderer, base } = await moduleRenderer(o.module));
    origin = `module ${o.module}`;
  }
  const name =
    o.name ??
    ("renderer" in o
      ? o.renderer
      : "template" in o
        ? basename(o.template, extname(o.template))
        : renderer.id);
  let options: Record<string, unknown> = o.options ?? {};
  if (renderer.options) {
    const parsed = renderer.options.safeParse(options);
    if (!parsed.success) {
      const problems = parsed.error.issues.map(
        (i) =>
          `outputs[${index}].options${i.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("")}: ${i.message}`,
      );
      throw new ConfigError(`output "${name}": invalid options`, problems);
    }
    options = parsed.data;
  }
  // Shared by every render of this output: a hook must not change what the next render sees.
  options = deepFreeze(options);
  const template = await compileRenderer(renderer, base);
  const owner: HookOwner = { name, origin, limitMs };
  const file = o.file
    ? expandHome(o.file, env)
    : runHook(owner, "defaultFile()", () => renderer.defaultFile(Object.freeze({ ...env }), options));
  return { ...owner, renderer, base, file, options, template };
}

export async function loadOutputs(config: Config, env: Env = process.env): Promise<LoadedOutputs> {
  const outputs: ResolvedOutput[] = [];
  const failed: LoadedOutputs["failed"] = [];
  for (const [i, o] of config.outputs.entries()) {
    if (o.enabled === false) continue;
    try {
      outputs.push(await resolveOutput(o, i, env, config.hookTimeoutSeconds * 1000));
    } catch (err) {
      const name = o.name ?? ("renderer" in o ? o.renderer : "template" in o ? o.template : o.module);
      failed.push({ name, error: err instanceof ConfigError ? err : new ConfigError(errorMessage(err)) });
    }
  }
  return { outputs, failed };
}
