// `aws-sso-sync validate`: checks the config and every output's template without the network and without
// writing: compile (syntax), render against the sample model in strict mode (unknown fields), the
// renderer's own checks, and for INI outputs that the rendered text loads in botocore. Every problem is
// printed with its file:line:col; the exit code is non-zero when there is any.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { parse } from "yaml";
import type { Command } from "commander";
import { loadConfig, type Config } from "../../core/config/index.ts";
import { ConfigError, ExitCode, errorMessage, problemsOf } from "../../core/errors.ts";
import type { Model } from "../../core/model/model.ts";
import { configFile, expandHome } from "../../core/paths.ts";
import { loadOutputs, type ResolvedOutput } from "../../core/render/loader.ts";
import { compileRenderer, templateRenderer } from "../../core/render/user-renderers.ts";
import { namedProblems, renderChecked } from "../../core/render/output.ts";
import { sampleModel } from "../../core/model/sample.ts";
import { builtinRenderers } from "../../renderers/index.ts";
import { globalOptions, setupLogging } from "../context.ts";
import { returnsCode } from "../exit.ts";

/** Problems of one loaded output when rendered against `model` (empty: it renders and checks clean). */
function outputProblems(out: ResolvedOutput, model: Model): string[] {
  return namedProblems(renderChecked(out, model, process.env), out.name, false);
}

async function checkTemplate(path: string, model: Model): Promise<string[]> {
  try {
    const renderer = await templateRenderer(path, "(validate)", { kind: "file", format: "text" });
    const template = await compileRenderer(renderer, "/");
    return outputProblems(
      { name: "template", renderer, base: "/", file: "(validate)", options: {}, template },
      model,
    );
  } catch (err) {
    return problemsOf(err);
  }
}

/** Template paths of a config that did not load, read from the YAML as written (relative to its folder). */
async function templatesOfRaw(file: string): Promise<string[]> {
  const raw: unknown = await readFile(file, "utf8")
    .then((t) => parse(t) as unknown)
    .catch(() => undefined);
  const outputs = (raw as { outputs?: unknown } | undefined)?.outputs;
  if (!Array.isArray(outputs)) return [];
  return outputs.flatMap((o: unknown) => {
    const t = (o as { template?: unknown } | null)?.template;
    return typeof t === "string" ? [resolve(dirname(file), expandHome(t))] : [];
  });
}

async function checkTemplates(paths: string[]): Promise<string[]> {
  const model = sampleModel();
  return (await Promise.all(paths.map((p) => checkTemplate(p, model)))).flat();
}

export interface Validation {
  /** A line that introduces the problems (the config's own summary), not counted as one. */
  heading?: string;
  /** How many of `problems` are the config's own (the rest are its templates'). */
  inConfig?: number;
  problems: string[];
  warnings: string[];
  /** How many outputs and templates were compiled and rendered. */
  checked: number;
  hint?: string;
}

/**
 * Checks the config at `file` and every output's template; with `extraTemplate`, that template too. A
 * missing config with `extraTemplate` given checks the template alone, against the built-in sample.
 */
export async function validateConfig(file: string, extraTemplate?: string): Promise<Validation> {
  if (extraTemplate !== undefined && !existsSync(file)) {
    return {
      problems: await checkTemplate(extraTemplate, sampleModel()),
      warnings: [`no config file at ${file}: checked the template alone`],
      checked: 1,
    };
  }
  let config: Config;
  let warnings: string[];
  try {
    ({ config, warnings } = await loadConfig(file, { renderers: builtinRenderers }));
  } catch (err) {
    const hint = err instanceof ConfigError ? err.hint : undefined;
    const located = err instanceof ConfigError ? [...err.problems] : [];
    // The templates the config names are still checked, so one run lists every problem.
    const templates = await templatesOfRaw(file);
    const problems = [...located, ...(await checkTemplates(templates))];
    return {
      ...(located.length > 0 ? { heading: errorMessage(err), inConfig: located.length } : {}),
      problems: problems.length > 0 ? problems : [errorMessage(err)],
      warnings: [],
      checked: templates.length,
      ...(hint ? { hint } : {}),
    };
  }
  let model: Model;
  try {
    model = sampleModel(config);
  } catch (err) {
    return { problems: problemsOf(err), warnings, checked: 0 };
  }
  const problems: string[] = [];
  const loaded = await loadOutputs(config, { env: process.env, renderers: builtinRenderers });
  for (const f of loaded.failed)
    problems.push(...problemsOf(f.error).map((p) => (p.includes(f.name) ? p : `output ${f.name}: ${p}`)));
  for (const out of loaded.outputs) problems.push(...outputProblems(out, model));
  if (extraTemplate !== undefined) problems.push(...(await checkTemplate(extraTemplate, model)));
  const checked = loaded.outputs.length + loaded.failed.length + (extraTemplate === undefined ? 0 : 1);
  return { problems, warnings, checked };
}

export function register(program: Command): void {
  program
    .command("validate")
    .description("check the config and every template (compile, render against sample data); writes nothing")
    .option("-t, --template <file>", "also check this template file (or folder) against the sample data")
    .action(
      returnsCode(async (opts: { template?: string }, cmd: Command) => {
        setupLogging(cmd);
        const file = configFile(globalOptions(cmd).config);
        const { heading, inConfig, problems, checked, warnings, hint } = await validateConfig(
          file,
          opts.template === undefined ? undefined : resolve(opts.template),
        );
        for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
        if (heading) process.stderr.write(`${heading}\n`);
        for (const p of problems) process.stderr.write(`${p}\n`);
        if (hint) process.stderr.write(`hint: ${hint}\n`);
        if (problems.length > 0) {
          const n = (k: number) => (k === 1 ? "1 problem" : `${k} problems`);
          const others = problems.length - (inConfig ?? problems.length);
          const split = inConfig && others > 0 ? ` (${inConfig} in the config, ${others} in templates)` : "";
          process.stderr.write(`${n(problems.length)} found${split}\n`);
          return ExitCode.config;
        }
        process.stdout.write(
          `ok: ${checked} output(s)/template(s) compiled and rendered against the sample data\n`,
        );
        return ExitCode.ok;
      }),
    );
}
