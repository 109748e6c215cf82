// docs/templates.md is the template contract: it must name every field of the data model (read from
// src/core/model/model.ts, so a new field without docs fails here), every helper, every context field, and the
// model version.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { test } from "node:test";
import { MODEL_VERSION } from "../../src/core/model/model.ts";
import { helperDocs, helpers } from "../../src/core/render/helpers.ts";

const read = (rel: string) => readFile(new URL(`../../${rel}`, import.meta.url), "utf8");

/** Field names of the exported `Model*` interfaces in model.ts (inline object types included). */
function modelFields(source: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const m of source.matchAll(/export interface (Model\w*) \{([\s\S]*?)\n\}/g)) {
    const body = (m[2] ?? "").replace(/\/\*\*[\s\S]*?\*\//g, "");
    const fields = [...body.matchAll(/(\w+)\??:/g)].map((f) => f[1] ?? "");
    out.set(m[1] ?? "", fields);
  }
  return out;
}

test("docs/templates.md names every model field, in backticks", async () => {
  const [docs, source] = await Promise.all([read("docs/templates.md"), read("src/core/model/model.ts")]);
  const fields = modelFields(source);
  assert.deepEqual([...fields.keys()].sort(), [
    "Model",
    "ModelAccount",
    "ModelProfile",
    "ModelRole",
    "ModelSession",
  ]);
  assert.ok(
    fields.get("ModelProfile")?.includes("aliasOf") && fields.get("ModelProfile")?.includes("key"),
    "the parser sees optional and inline fields",
  );
  for (const [iface, names] of fields)
    for (const f of names)
      assert.ok(docs.includes(`\`${f}\``), `${iface}.${f} is not documented in docs/templates.md`);
});

test("docs/templates.md names every helper, and helperDocs covers every helper", async () => {
  const docs = await read("docs/templates.md");
  assert.deepEqual(Object.keys(helperDocs).sort(), Object.keys(helpers).sort());
  for (const h of Object.keys(helpers))
    assert.match(docs, new RegExp(`^\\| \`${h}\` +\\|`, "m"), `helper ${h} is not in the helpers table`);
});

test("docs/templates.md documents the context, the model version and the module contract", async () => {
  const docs = await read("docs/templates.md");
  for (const f of ["model", "profiles", "sessions", "options", "output"])
    assert.match(docs, new RegExp(`^\\| \`${f}\` +\\|`, "m"), f);
  assert.match(docs, new RegExp(`The data model \\(version ${MODEL_VERSION}\\)`));
  for (const hook of [
    "id",
    "description",
    "template",
    "partials",
    "defaultFile",
    "mode",
    "options",
    "context",
    "check",
    "inspect",
  ])
    assert.match(docs, new RegExp(`\\b${hook}:`), hook);
});
