// Resolves the config's outputs into renderer objects ready to render. Built-in renderers, template-only
// user outputs and user JS modules all become the same `AnyRenderer` shape here, checked the same way.
// Every problem across all outputs is collected; the caller decides whether to drop the bad ones.
import { readdir, readFile, stat } from "node:fs/promises";
import { basename, dirname, extname, isAbsolute, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Config, OutputConfig } from "../config/index.ts";
import { ConfigError, errorMessage } from "../errors.ts";
import { expandHome, type Env } from "../paths.ts";
import { builtinRenderers } from "../../renderers/index.ts";
import type { AnyRenderer } from "../../renderers/types.ts";
import { createEngine, type Template } from "./engine.ts";
import { checkRendererShape } from "./shape.ts";

/** The repository's templates/ folder (the same depth from src/ and dist/). */
export const TEMPLATES_DIR = fileURLToPath(new URL("../../../templates/", import.meta.url));

export interface ResolvedOutput {
  name: string;
  renderer: AnyRenderer;
  file: string;
  options: Record<string, unknown>;
  template: Template;
}

export interface LoadedOutputs {
  outputs: ResolvedOutput[];
  /** Outputs that could not be loaded, with every problem; the others still run. */
  failed: Array<{ name: string; error: ConfigError }>;
}

function templatePath(p: string, base: string): string {
  return isAbsolute(p) ? p : join(base, p);
}

async function templateRenderer(o: Extract<OutputConfig, { template: string }>): Promise<AnyRenderer> {
  const path = o.template;
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
    defaultFile: () => o.file,
    mode: o.mode === "file" ? { kind: "file", format: o.format } : { kind: "region", comment: o.comment, format: o.format },
  };
}

async function moduleRenderer(path: string): Promise<{ renderer: AnyRenderer; base: string }> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (err) {
    throw new ConfigError(`cannot load renderer module ${path}`, [`${path}: ${errorMessage(err)}`], "check the path and that the module is valid JavaScript (ESM)");
  }
  const candidate = mod.default ?? mod.renderer;
  return { renderer: checkRendererShape(candidate, path), base: dirname(path) };
}

async function resolveOne(o: OutputConfig, index: number, env: Env): Promise<ResolvedOutput> {
  let renderer: AnyRenderer;
  let base = TEMPLATES_DIR;
  if ("renderer" in o) {
    const found = builtinRenderers.find((r) => r.id === o.renderer);
    if (!found) {
      const ids = builtinRenderers.map((r) => r.id).join(", ");
      throw new ConfigError(`outputs[${index}]: unknown renderer "${o.renderer}"`, [`outputs[${index}].renderer: unknown renderer "${o.renderer}" (built-in renderers: ${ids})`]);
    }
    renderer = found;
  } else if ("template" in o) {
    renderer = await templateRenderer(o);
    base = "/";
  } else {
    ({ renderer, base } = await moduleRenderer(o.module));
  }
  const name = o.name ?? ("renderer" in o ? o.renderer : "template" in o ? basename(o.template, extname(o.template)) : renderer.id);
  let options: Record<string, unknown> = o.options ?? {};
  if (renderer.options) {
    const parsed = renderer.options.safeParse(options);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `outputs[${index}].options${i.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("")}: ${i.message}`);
      throw new ConfigError(`output "${name}": invalid options`, problems);
    }
    options = parsed.data;
  }
  const engine = createEngine();
  for (const [pname, ppath] of Object.entries(renderer.partials ?? {})) {
    const file = templatePath(ppath, base);
    engine.registerPartial(pname, await readFile(file, "utf8").catch((err: unknown) => {
      throw new ConfigError(`cannot read partial ${file}`, [`${file}: ${errorMessage(err)}`]);
    }), file);
  }
  const template = await engine.loadFile(templatePath(renderer.template, base));
  const file = o.file ? expandHome(o.file, env) : renderer.defaultFile(env);
  return { name, renderer, file, options, template };
}

export async function loadOutputs(config: Config, env: Env = process.env): Promise<LoadedOutputs> {
  const outputs: ResolvedOutput[] = [];
  const failed: LoadedOutputs["failed"] = [];
  for (const [i, o] of config.outputs.entries()) {
    if (o.enabled === false) continue;
    try {
      outputs.push(await resolveOne(o, i, env));
    } catch (err) {
      const name = o.name ?? ("renderer" in o ? o.renderer : "template" in o ? o.template : o.module);
      failed.push({ name, error: err instanceof ConfigError ? err : new ConfigError(errorMessage(err)) });
    }
  }
  return { outputs, failed };
}
