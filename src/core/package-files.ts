// Files shipped with aws-sso-sync (package.json "files"), as absolute paths that exist for an installed
// user as well as in a clone: this module sits at the same depth in src/ and dist/, one below the root.
import { fileURLToPath } from "node:url";

const ROOT = new URL("../../", import.meta.url);

/** The package root (a clone, or the installed package). */
export const PACKAGE_ROOT = fileURLToPath(ROOT);

/** The built-in renderers' templates. */
export const TEMPLATES_DIR = fileURLToPath(new URL("templates/", ROOT));

/** docs/<name> of this install, e.g. docPath("configuration.md"). */
export function docPath(name: string): string {
  return fileURLToPath(new URL(`docs/${name}`, ROOT));
}

/** The commented example config that ships with the package. */
export const EXAMPLE_CONFIG = fileURLToPath(new URL("config.example.yaml", ROOT));

/** The JSON Schema editors use to complete and check the config. */
export const CONFIG_SCHEMA = fileURLToPath(new URL("schema/config.schema.json", ROOT));
