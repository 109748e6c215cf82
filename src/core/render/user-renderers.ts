// User renderers: a template named in the config (a file, or a folder of main.hbs plus partials) and a JS
// module exporting a renderer object. Both become the same renderer object the built-ins are.
import { readdir, readFile, stat } from "node:fs/promises";
import { basename, dirname, isAbsolute, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { OutputConfig } from "../config/index.ts";
import { ConfigError, errorMessage } from "../errors.ts";
import type { AnyRenderer, TemplateData, WriteMode } from "./contract.ts";
import { createEngine, type Template } from "./engine.ts";
import { resolveOwnPackageName } from "./self-import.ts";
import { checkRendererShape } from "./shape.ts";

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

export function userTemplateRenderer(o: Extract<OutputConfig, { template: string }>): Promise<AnyRenderer> {
  const mode: WriteMode =
    o.mode === "file"
      ? { kind: "file", format: o.format }
      : { kind: "region", comment: o.comment, format: o.format };
  return templateRenderer(o.template, o.file, mode, o.rendersProfiles);
}

/**
 * Compiles a renderer's main template with its partials in a fresh Handlebars environment; a renderer
 * with `render()` instead is wrapped so that it is called like a template and must return text.
 */
export async function compileRenderer(renderer: AnyRenderer, base: string): Promise<Template> {
  const { render, template } = renderer;
  if (render) {
    return (data) => {
      const text: unknown = render(data as TemplateData<Record<string, unknown>>);
      if (typeof text !== "string") throw new Error(`render() returned ${typeof text}, expected the text`);
      return text;
    };
  }
  if (template === undefined) throw new Error(`renderer ${renderer.id} has neither template nor render()`);
  const engine = createEngine();
  for (const [pname, ppath] of Object.entries(renderer.partials ?? {})) {
    const file = templatePath(ppath, base);
    const source = await readFile(file, "utf8").catch((err: unknown) => {
      throw new ConfigError(`cannot read partial ${file}`, [`${file}: ${errorMessage(err)}`]);
    });
    engine.registerPartial(pname, source, file);
  }
  return engine.loadFile(templatePath(template, base));
}

export async function moduleRenderer(path: string): Promise<{ renderer: AnyRenderer; base: string }> {
  let mod: Record<string, unknown>;
  let base: string;
  resolveOwnPackageName();
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
