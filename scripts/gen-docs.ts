// Generates schema/config.schema.json and docs/configuration.md from the config schema
// (src/core/config/schema.ts). Run: npm run docs. With --check, writes nothing and exits 1 when either
// file is out of date (for CI).
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { configJsonSchema } from "../src/core/config/index.ts";
import { renderDocs } from "../src/core/config/docs.ts";
import { editorJsonSchema } from "../src/core/config/editor-schema.ts";
import { builtinRenderers } from "../src/renderers/index.ts";
import type { JsonSchema } from "../src/core/config/describe.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const schema = configJsonSchema();
// Editors get the registry's renderer ids and each renderer's options on top (if/then per renderer).
const editor = editorJsonSchema(builtinRenderers);
const files: Array<[string, string]> = [
  [join(root, "schema", "config.schema.json"), `${JSON.stringify(editor, null, 2)}\n`],
  [join(root, "docs", "configuration.md"), renderDocs(schema as JsonSchema)],
];

const check = process.argv.includes("--check");
let stale = 0;
for (const [file, text] of files) {
  let current: string | undefined;
  try {
    current = readFileSync(file, "utf8");
  } catch {
    current = undefined;
  }
  if (current === text) continue;
  stale++;
  if (check) console.error(`out of date: ${file} (run: npm run docs)`);
  else {
    writeFileSync(file, text);
    console.log(`wrote ${file}`);
  }
}
if (check && stale > 0) process.exit(1);
