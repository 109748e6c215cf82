// loadConfig: read the file, parse and validate it, resolve its paths against its own directory.
import { EXAMPLE_CONFIG } from "../package-files.ts";
import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { ConfigError } from "../errors.ts";
import { expandHome, type Env } from "../paths.ts";
import { parseConfig } from "./parse.ts";
import type { RendererSpec } from "./renderer-rules.ts";
import type { Config } from "./schema.ts";

export async function loadConfig(
  file: string,
  options: { env?: Env; renderers?: readonly RendererSpec[] } = {},
): Promise<{ config: Config; file: string; warnings: string[] }> {
  const path = resolve(expandHome(file, options.env));
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT")
      throw new ConfigError(
        `no config file at ${path}`,
        [],
        `run \`aws-sso-sync init\` to write a starter config at ${path} (or copy ${EXAMPLE_CONFIG}), ` +
          "or point to another file with --config <file> or AWS_SSO_SYNC_CONFIG",
      );
    throw new ConfigError(
      `cannot read config file ${path}: ${code ?? String(err)}`,
      [],
      "check the path and its permissions",
    );
  }
  const { config, warnings } = parseConfig(text, path, {
    baseDir: dirname(path),
    configFile: path,
    ...(options.env ? { env: options.env } : {}),
    ...(options.renderers ? { renderers: options.renderers } : {}),
  });
  return { config, file: path, warnings };
}
