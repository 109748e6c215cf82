// User-defined outputs go through the same loader as the built-ins: a template file or folder (partials),
// region or whole-file mode with free-form options, and JS modules exporting a renderer object, whose
// shape is checked with one clear line per problem.
import assert from "node:assert/strict";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { loadConfig, type Config } from "../../src/core/config/index.ts";
import { loadOutputs } from "../../src/core/render/loader.ts";
import { builtinRenderers } from "../../src/renderers/index.ts";
import { applyFilePlans, planFiles } from "../../src/core/render/write-files.ts";
import { sampleModel } from "../../src/core/model/sample.ts";
import { tempHome, type TempHome } from "../support/emulator.ts";

let h: TempHome;
let dir: string;

async function configWith(yaml: string): Promise<Config> {
  const file = join(dir, "config.yaml");
  await writeFile(
    file,
    `sessions:\n  - name: acme\n    startUrl: https://d-1234567890.awsapps.com/start\n    region: eu-north-1\noutputs:\n${yaml}`,
  );
  return (await loadConfig(file, { env: h.env })).config;
}

async function sync(config: Config, owned: string[] = []) {
  const loaded = await loadOutputs(config, { env: h.env, renderers: builtinRenderers });
  const planned = await planFiles(loaded.outputs, sampleModel(), h.env, {
    retired: [],
    owned: new Set(owned),
  });
  return { failed: loaded.failed, results: await applyFilePlans(planned, h.env), warnings: planned.warnings };
}

before(async () => {
  h = await tempHome();
  dir = join(h.home, ".config", "aws-sso-sync");
  await mkdir(join(dir, "page"), { recursive: true });
});
after(() => h.cleanup());

describe("template outputs", () => {
  test("a folder template: main.hbs with partials, region mode with its comment, options passed", async () => {
    await writeFile(join(dir, "page", "main.hbs"), "{{#each sessions}}\n{{> session}}\n{{/each}}\n");
    await writeFile(
      join(dir, "page", "session.hbs"),
      "// {{@root.options.label}} {{name}} ({{accounts.length}} accounts) in {{@root.output}}\n",
    );
    await writeFile(join(dir, "notes.txt"), "keep me\n");
    const config = await configWith(
      // It lists sessions, not profiles: without rendersProfiles: false it would fail as a lost render.
      "  - template: page\n    file: notes.txt\n    comment: //\n    rendersProfiles: false\n    options: { label: SESSION }\n",
    );
    const { results, failed } = await sync(config);
    assert.deepEqual(failed, []);
    assert.equal(results[0]?.status, "written", results[0]?.problems.join("\n"));
    const text = await readFile(join(dir, "notes.txt"), "utf8");
    assert.match(
      text,
      /^keep me\n\/\/ BEGIN aws-sso-sync:page[^\n]*\n\/\/ SESSION acme \(6 accounts\) in page\n\/\/ SESSION lab/,
    );
  });

  test("an error inside a partial names the partial's file and line", async () => {
    await writeFile(join(dir, "page", "session.hbs"), "// {{name}}\n// {{options.label}}\n");
    const { results } = await sync(
      await configWith("  - template: page\n    file: notes.txt\n    comment: //\n"),
    );
    assert.equal(results[0]?.status, "failed");
    assert.match(
      results[0]?.problems.join("\n") ?? "",
      new RegExp(`page/session\\.hbs:2:\\d+: unknown field "options"`),
    );
  });

  test("format ini: a template whose result would break botocore writes nothing", async () => {
    await writeFile(join(dir, "dup.hbs"), "[profile x]\nregion = a\n[profile x]\nregion = b\n");
    const config = await configWith(
      "  - template: dup.hbs\n    file: dup.ini\n    mode: file\n    format: ini\n",
    );
    const { results } = await sync(config);
    assert.equal(results[0]?.status, "failed");
    assert.match(results[0]?.problems.join("\n") ?? "", /duplicate|already exists/i);
  });
});

describe("renderer modules", () => {
  test("a module renderer works like a built-in: template next to it, hooks, default file", async () => {
    await writeFile(join(dir, "count.hbs"), "# {{count}} profiles for {{output}} ({{options.tag}})\n");
    await writeFile(
      join(dir, "counter.mjs"),
      `import { join } from "node:path";
export default {
  id: "counter",
  description: "counts profiles",
  template: "count.hbs",
  defaultFile: (env) => join(env.HOME, "counter.txt"),
  mode: { kind: "file", format: "text" },
  context: ({ model }) => ({ count: model.profiles.length }),
  inspect: (existing) => (existing.includes("old") ? ["the old file said old"] : []),
};
`,
    );
    // A file this output wrote before (a whole-file output never replaces anyone else's).
    await writeFile(join(h.home, "counter.txt"), "old\n");
    const config = await configWith("  - module: ./counter.mjs\n    options: { tag: t1 }\n");
    const { results, failed, warnings } = await sync(config, [join(h.home, "counter.txt")]);
    assert.deepEqual(failed, []);
    assert.equal(results[0]?.status, "written");
    assert.equal(
      await readFile(join(h.home, "counter.txt"), "utf8"),
      `# ${sampleModel().profiles.length} profiles for counter (t1)\n`,
    );
    assert.match(warnings.join("\n"), /counter: the old file said old/);
  });

  test("a module renderer may be plain code: render(data) instead of a template", async () => {
    await writeFile(
      join(dir, "plain.mjs"),
      `export default {
  id: "plain",
  description: "no Handlebars",
  render: ({ profiles, options, output }) =>
    profiles.map((p) => output + " " + options.tag + " " + p.name).join("\\n") + "\\n",
  defaultFile: (env) => env.HOME + "/plain.txt",
  mode: { kind: "file", format: "text" },
};
`,
    );
    const config = await configWith("  - module: ./plain.mjs\n    options: { tag: t2 }\n");
    const { results, failed } = await sync(config, [join(h.home, "plain.txt")]);
    assert.deepEqual(failed, []);
    assert.equal(results[0]?.status, "written");
    const want = sampleModel()
      .profiles.map((p) => `plain t2 ${p.name}\n`)
      .join("");
    assert.equal(await readFile(join(h.home, "plain.txt"), "utf8"), want);
  });

  test('a module outside any node_modules imports { defineRenderer } from "aws-sso-sync"', async () => {
    // The config folder has no node_modules: the name resolves to the package that loads the module.
    await writeFile(
      join(dir, "named.mjs"),
      `import { defineRenderer } from "aws-sso-sync";
export default defineRenderer({
  id: "named",
  description: "imports the API by name",
  render: ({ profiles }) => profiles.map((p) => p.name).join("\\n") + "\\n",
  defaultFile: (env) => env.HOME + "/named.txt",
  mode: { kind: "file", format: "text" },
});
`,
    );
    const { results, failed } = await sync(await configWith("  - module: ./named.mjs\n"), [
      join(h.home, "named.txt"),
    ]);
    assert.deepEqual(failed, []);
    assert.equal(results[0]?.status, "written");
    assert.equal(
      await readFile(join(h.home, "named.txt"), "utf8"),
      sampleModel()
        .profiles.map((p) => `${p.name}\n`)
        .join(""),
    );
  });

  test("render() that returns no text fails its output; template and render together are refused", async () => {
    const mod = (name: string, body: string) =>
      writeFile(
        join(dir, `${name}.mjs`),
        `export default { id: "${name}", description: "d", ${body}, defaultFile: (env) => env.HOME + "/${name}.txt", mode: { kind: "file", format: "text" } };\n`,
      );
    await mod("notext", "render: () => 42");
    await mod("both", 'template: "count.hbs", render: () => "x"');
    await mod("neither", "context: () => ({})");
    const config = await configWith(
      "  - module: ./notext.mjs\n  - module: ./both.mjs\n  - module: ./neither.mjs\n",
    );
    const { failed } = await loadOutputs(config, { env: h.env, renderers: builtinRenderers });
    const why = (n: string) => failed.find((f) => f.name === n)?.error.problems.join("\n") ?? "";
    assert.match(why("both"), /either template or render, not both/);
    assert.match(why("neither"), /template path .* or a render\(data\) function/);
    const { results } = await sync(await configWith("  - module: ./notext.mjs\n"));
    assert.equal(results[0]?.status, "failed");
    assert.match(results[0]?.problems.join("\n") ?? "", /render\(\) returned number, expected the text/);
    await assert.rejects(readFile(join(h.home, "notext.txt"), "utf8"));
  });

  test("a module's check() problems stop its output; nothing is written", async () => {
    await writeFile(
      join(dir, "strict.mjs"),
      `export const renderer = { id: "strict", description: "d", template: "count.hbs", defaultFile: (env) => env.HOME + "/strict.txt", mode: { kind: "file", format: "text" }, context: () => ({ count: 0 }), check: () => ["no profiles at all"] };\n`,
    );
    const { results } = await sync(await configWith("  - module: ./strict.mjs\n    options: { tag: x }\n"));
    assert.equal(results[0]?.status, "failed");
    assert.deepEqual(results[0]?.problems, ["no profiles at all"]);
    await assert.rejects(readFile(join(h.home, "strict.txt"), "utf8"));
  });

  test("a wrong shape is refused with one line per problem", async () => {
    await writeFile(
      join(dir, "bad.mjs"),
      `export default { id: "Bad Id", template: 3, mode: { kind: "region" }, check: "no" };\n`,
    );
    await writeFile(join(dir, "none.mjs"), `export const something = 1;\n`);
    const config = await configWith(
      "  - module: ./bad.mjs\n  - module: ./none.mjs\n  - module: ./missing.mjs\n",
    );
    const { failed } = await loadOutputs(config, { env: h.env, renderers: builtinRenderers });
    const bad = failed.find((f) => f.name === "bad")?.error.problems.join("\n") ?? "";
    for (const field of ["id:", "description:", "template:", "defaultFile:", "mode:", "check:"])
      assert.match(bad, new RegExp(`bad\\.mjs: ${field}`), bad);
    assert.match(
      failed.find((f) => f.name === "none")?.error.problems.join("\n") ?? "",
      /does not export a renderer|export default/,
    );
    assert.match(
      failed.find((f) => f.name === "missing")?.error.message ?? "",
      /cannot load renderer module/,
    );
  });
});
