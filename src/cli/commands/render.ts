// `aws-sso-sync render`: prints what an output (or a template file) renders to, against the last sync's
// data or built-in sample data, and writes nothing. With --template and --output together it previews an
// edited template with that output's options and renderer context (how to start customising a built-in).
import { existsSync, statSync } from "node:fs";
import { basename, extname, join, resolve } from "node:path";
import type { Command } from "commander";
import type { Config } from "../../core/config/index.ts";
import { AppError, ExitCode } from "../../core/errors.ts";
import type { Model } from "../../core/model/model.ts";
import { configFile } from "../../core/paths.ts";
import { loadOutputs, resolveOutput, type ResolvedOutput } from "../../core/render/loader.ts";
import { compileRenderer, templateRenderer } from "../../core/render/user-renderers.ts";
import { builtinRenderers } from "../../renderers/index.ts";
import { renderChecked } from "../../core/render/output.ts";
import { sampleModel } from "../../core/model/sample.ts";
import { lastGoodModel } from "../../core/state/last-good.ts";
import { globalOptions, loadCliConfig, setupLogging } from "../context.ts";
import { returnsCode } from "../exit.ts";

interface RenderOptions {
  template?: string;
  output?: string;
  sample?: boolean;
  options?: string;
}

/** The model of the last good discovery of every session (no network). */
export async function lastModel(config: Config): Promise<Model> {
  // The model's warnings (name conflicts, …) are the sync's to tell, once; render does not repeat them.
  const { model, found } = await lastGoodModel(config, process.env);
  if (found.size === 0) {
    throw new AppError("no discovery stored yet: nothing to render from", {
      exitCode: ExitCode.usage,
      hint: "run `aws-sso-sync sync` first, or add --sample",
    });
  }
  return model;
}

function parseOptions(json: string | undefined): Record<string, unknown> {
  if (json === undefined) return {};
  try {
    const v: unknown = JSON.parse(json);
    if (typeof v === "object" && v !== null && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new AppError("--options: expected a JSON object", {
    exitCode: ExitCode.usage,
    hint: `for example --options '{"title":"AWS"}'`,
  });
}

/** The config, or none when previewing a template against sample data and no config file exists yet. */
async function maybeConfig(cmd: Command, opts: RenderOptions): Promise<Config | undefined> {
  if (opts.sample && opts.template && !opts.output && !existsSync(configFile(globalOptions(cmd).config))) {
    setupLogging(cmd);
    return undefined;
  }
  return (await loadCliConfig(cmd)).config;
}

async function withTemplate(out: ResolvedOutput, path: string): Promise<ResolvedOutput> {
  const isDir = statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
  const user = isDir ? await templateRenderer(path, out.file, out.renderer.mode) : undefined;
  const renderer = {
    ...out.renderer,
    template: isDir ? join(path, "main.hbs") : path,
    partials: {
      ...Object.fromEntries(
        Object.entries(out.renderer.partials ?? {}).map(([k, v]) => [k, resolve(out.base, v)]),
      ),
      ...user?.partials,
    },
  };
  return { ...out, renderer, template: await compileRenderer(renderer, out.base) };
}

/** The outputs to render, and whether any configured output failed to load (already reported). */
async function targets(
  config: Config | undefined,
  opts: RenderOptions,
): Promise<{ outs: ResolvedOutput[]; failed: boolean }> {
  const env = process.env;
  if (opts.output !== undefined) {
    const index = config?.outputs.findIndex((o) => o.name === opts.output) ?? -1;
    const entry = config?.outputs[index];
    if (!entry) {
      const names = config?.outputs.map((o) => o.name).join(", ") ?? "";
      throw new AppError(`no output named "${opts.output}" in the config`, {
        exitCode: ExitCode.usage,
        hint: `configured outputs: ${names}`,
      });
    }
    const out = await resolveOutput(entry, index, { env, renderers: builtinRenderers });
    return { outs: [opts.template ? await withTemplate(out, resolve(opts.template)) : out], failed: false };
  }
  if (opts.template !== undefined) {
    const path = resolve(opts.template);
    const renderer = await templateRenderer(path, "(preview)", { kind: "file", format: "text" });
    const template = await compileRenderer(renderer, "/");
    const options = parseOptions(opts.options);
    const name = basename(path, extname(path));
    return { outs: [{ name, renderer, base: "/", file: "(preview)", options, template }], failed: false };
  }
  const loaded = await loadOutputs(config as Config, { env, renderers: builtinRenderers });
  for (const f of loaded.failed) {
    process.stderr.write(`output ${f.name}: ${f.error.message}\n`);
    for (const p of f.error.problems) process.stderr.write(`  ${p}\n`);
  }
  return { outs: loaded.outputs, failed: loaded.failed.length > 0 };
}

export function register(program: Command): void {
  program
    .command("render")
    .description("print what an output or a template renders to; writes nothing")
    .option("-t, --template <file>", "a template file, or a folder with main.hbs and partials")
    .option("-o, --output <name>", "a configured output (with --template: its options and context)")
    .option("--sample", "use built-in sample data (hostile names included) instead of the last sync")
    .option("--options <json>", "options for --template, as a JSON object")
    .action(
      returnsCode(async (opts: RenderOptions, cmd: Command) => {
        const config = await maybeConfig(cmd, opts);
        const model = opts.sample ? sampleModel(config) : await lastModel(config as Config);
        const { outs, failed } = await targets(config, opts);
        let code: number = failed ? ExitCode.config : ExitCode.ok;
        for (const out of outs) {
          if (outs.length > 1) process.stdout.write(`==> ${out.name} (${out.file}) <==\n`);
          // The same render-and-check as sync (output.ts): a preview that passes here is what sync writes.
          const { text, problems } = renderChecked(out, model, process.env);
          if (text !== undefined)
            process.stdout.write(text.endsWith("\n") || text === "" ? text : `${text}\n`);
          if (problems.length > 0) {
            const head = text === undefined ? "cannot render" : "failed its checks";
            process.stderr.write(`output ${out.name}: ${head}\n${problems.map((p) => `  ${p}\n`).join("")}`);
            code = ExitCode.config;
          }
        }
        return code;
      }),
    );
}
