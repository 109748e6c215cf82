// Conformance of the renderer registry: every folder under src/renderers/ is registered in index.ts, has a
// readme.md, and its template and partials exist; ids are unique and match their folder; option schemas
// accept {} (every option has a default).
import assert from "node:assert/strict";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { test } from "node:test";
import { TEMPLATES_DIR } from "../core/render/loader.ts";
import { checkRendererShape } from "../core/render/shape.ts";
import { builtinRenderers } from "./index.ts";

const here = fileURLToPath(new URL(".", import.meta.url));
const folders = readdirSync(here).filter((f) => statSync(join(here, f)).isDirectory());

test("every renderer folder is registered, and every registered renderer has a folder", () => {
  assert.deepEqual(builtinRenderers.map((r) => r.id).sort(), [...folders].sort());
  assert.equal(new Set(builtinRenderers.map((r) => r.id)).size, builtinRenderers.length, "ids are unique");
});

for (const r of builtinRenderers) {
  test(`renderer ${r.id}: readme, template, partials, shape, default options`, () => {
    assert.ok(existsSync(join(here, r.id, "readme.md")), `src/renderers/${r.id}/readme.md is missing`);
    assert.ok(existsSync(join(here, r.id, "index.ts")));
    // Built-ins are Handlebars templates (users may override them); render() is for user modules.
    assert.ok(r.template !== undefined && r.render === undefined, "a built-in renderer has a template");
    assert.ok(existsSync(join(TEMPLATES_DIR, r.template)), `templates/${r.template} is missing`);
    for (const p of Object.values(r.partials ?? {}))
      assert.ok(existsSync(join(TEMPLATES_DIR, p)), `templates/${p} is missing`);
    assert.equal(checkRendererShape(r, r.id), r);
    const options = r.options ? r.options.parse({}) : {};
    assert.equal(typeof r.defaultFile({ HOME: "/home/u" }, options), "string");
  });
}
