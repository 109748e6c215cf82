// Paths in the config are relative to the config file, so the same file works from any working directory.
import { isAbsolute, resolve } from "node:path";
import { expandHome, type Env } from "../paths.ts";
import type { Config, OutputConfig } from "./schema.ts";

export function resolveConfigPath(value: string, baseDir: string, env: Env = process.env): string {
  return resolve(baseDir, expandHome(value, env));
}

/**
 * A `module` that looks like a path is resolved like any other path; a bare package name
 * (`aws-sso-sync-renderer-x`, `@acme/renderer`) is left for the module loader to resolve.
 */
export function isModulePath(value: string): boolean {
  return /^(\.{1,2}[/\\]|~[/\\]?)/.test(value) || isAbsolute(value) || /\.(m|c)?[jt]s$/.test(value);
}

function resolveOutput(output: OutputConfig, baseDir: string, env: Env | undefined): OutputConfig {
  const file = output.file === undefined ? {} : { file: resolveConfigPath(output.file, baseDir, env) };
  if ("template" in output)
    return { ...output, ...file, template: resolveConfigPath(output.template, baseDir, env) };
  if ("module" in output && isModulePath(output.module))
    return { ...output, ...file, module: resolveConfigPath(output.module, baseDir, env) };
  return { ...output, ...file };
}

export function resolveConfigPaths(config: Config, baseDir: string, env?: Env): Config {
  return { ...config, outputs: config.outputs.map((o) => resolveOutput(o, baseDir, env)) };
}
