// An unchanged daemon cycle builds no model and renders no pure output again (model/memo.ts, output.ts):
// the same discoveries give the very same model object, and a pure output's result is reused for it. A
// change builds and renders again; a module's output is rendered every time (its code may read the clock).
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { parseConfig } from "../config/index.ts";
import { ModelMemo } from "../model/memo.ts";
import type { DiscoveredSession } from "../model/model.ts";
import { loadOutputs, type ResolvedOutput } from "./loader.ts";
import { renderChecked } from "./output.ts";

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "render-reuse-"));
  await writeFile(join(dir, "list.hbs"), "{{#each profiles}}{{name}}\n{{/each}}");
  await writeFile(
    join(dir, "plain.mjs"),
    `export default { id: "plain", description: "d", render: ({ profiles }) => profiles.map((p) => p.name).join("\\n") + "\\n", defaultFile: (env) => env.HOME + "/plain.txt", mode: { kind: "file", format: "text" } };\n`,
  );
});
after(() => rm(dir, { recursive: true, force: true }));

const discovery = (roles: string[]): DiscoveredSession[] => [
  {
    session: "acme",
    accounts: [{ accountId: "111111111111", accountName: "prod", emailAddress: "p@x.test", roles }],
  },
];

/** The output with its template wrapped to count the renders that really ran. */
function counted(out: ResolvedOutput): { out: ResolvedOutput; renders: () => number } {
  let n = 0;
  const template = out.template;
  return {
    out: { ...out, template: (data) => (n++, template(data)) },
    renders: () => n,
  };
}

test("same discoveries: the same model, and a pure output renders once; a change renders again", async () => {
  const text = `sessions:\n  - name: acme\n    startUrl: https://d-1234567890.awsapps.com/start\n    region: eu-north-1\noutputs:\n  - template: ./list.hbs\n    file: ${dir}/list.txt\n    mode: file\n  - module: ./plain.mjs\n`;
  const { config } = parseConfig(text, join(dir, "config.yaml"), { baseDir: dir });
  const env = { HOME: dir };
  const loaded = await loadOutputs(config, { env, renderers: [] });
  assert.deepEqual(loaded.failed, []);
  const [tpl, mod] = loaded.outputs.map(counted);
  assert.ok(tpl && mod);
  const memo = new ModelMemo();

  // Two cycles with equal (not identical) discoveries: one model, one render of the template output.
  const first = memo.build(config, discovery(["Admin", "ReadOnly"])).model;
  const second = memo.build(config, discovery(["Admin", "ReadOnly"])).model;
  assert.equal(second, first);
  const a = renderChecked(tpl.out, first, env);
  const b = renderChecked(tpl.out, second, env);
  assert.deepEqual(b, a);
  assert.equal(tpl.renders(), 1);
  renderChecked(mod.out, first, env);
  renderChecked(mod.out, second, env);
  assert.equal(mod.renders(), 2, "a module output is rendered every time");

  // A new role: a new model, rendered again, with the new profile in it.
  const third = memo.build(config, discovery(["Admin", "ReadOnly", "Billing"])).model;
  assert.notEqual(third, first);
  const c = renderChecked(tpl.out, third, env);
  assert.equal(tpl.renders(), 2);
  assert.match(c.text ?? "", /Billing/);
  // The previous model is still kept (the change report compares against it): no build for it.
  assert.equal(memo.build(config, discovery(["Admin", "ReadOnly"])).model, first);
});
