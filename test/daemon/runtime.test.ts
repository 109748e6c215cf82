// Building a runtime: everything is loaded and trial-rendered before a swap; every problem is listed;
// the watch list names the config and the user's templates but never a file the daemon writes.
import assert from "node:assert/strict";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { buildRuntime, changedSessions } from "../../src/core/daemon/runtime.ts";
import { ConfigError } from "../../src/core/errors.ts";
import { saveDiscovered } from "../../src/core/state/discovered.ts";
import { tempHome, type TempHome } from "../support/emulator.ts";
import { baseConfig } from "../support/sync-fixture.ts";
import { builtinRenderers } from "../../src/renderers/index.ts";

let h: TempHome;
let cfg: string;
let tpl: string;
const withTemplate = (out: string) =>
  `${baseConfig}outputs:\n  - renderer: aws-config\n  - template: ${tpl}\n    file: ${out}\n    mode: file\n`;

before(async () => {
  h = await tempHome();
  cfg = join(h.home, "cfg", "config.yaml");
  tpl = join(h.home, "tpl", "list.hbs");
  await mkdir(join(h.home, "cfg"), { recursive: true });
  await mkdir(join(h.home, "tpl"), { recursive: true });
  // A last discovery to trial-render against.
  await saveDiscovered(
    {
      session: "acme",
      accounts: [{ accountId: "111111111111", accountName: "dev", emailAddress: "d@x", roles: ["Admin"] }],
    },
    "https://d-1234567890.awsapps.com/start",
    h.env,
  );
});
after(() => h.cleanup());

test("a valid config: outputs compiled, the config and template watched, targets not", async () => {
  await writeFile(tpl, "{{#each profiles}}{{name}}\n{{/each}}");
  await writeFile(cfg, withTemplate(join(h.home, "list.txt")));
  const rt = await buildRuntime(cfg, h.env, builtinRenderers);
  assert.deepEqual(
    rt.outputs.outputs.map((o) => o.name),
    ["aws-config", "list"],
  );
  assert.deepEqual(rt.watched.sort(), [cfg, tpl].sort());
});

test("a template using an unknown field is refused by the trial render, with file and line", async () => {
  await writeFile(tpl, "ok\n{{#each profiles}}{{nmae}}\n{{/each}}");
  await assert.rejects(buildRuntime(cfg, h.env, builtinRenderers), (err: unknown) => {
    assert.ok(err instanceof ConfigError);
    assert.ok(
      err.problems.some((p) => p.startsWith(`${tpl}:2:`) && p.includes("nmae")),
      err.problems.join("\n"),
    );
    return true;
  });
});

test("an invalid config field, and a template syntax error, are each refused", async () => {
  await writeFile(tpl, "{{#each profiles}}");
  await writeFile(cfg, `${withTemplate(join(h.home, "list.txt"))}refreshLeadSeconds: 1\n`);
  await assert.rejects(
    buildRuntime(cfg, h.env, builtinRenderers),
    (err: unknown) => err instanceof ConfigError && /refreshLeadSeconds/.test(err.problems.join("\n")),
  );
  await writeFile(cfg, withTemplate(join(h.home, "list.txt")));
  await assert.rejects(
    buildRuntime(cfg, h.env, builtinRenderers),
    (err: unknown) => err instanceof ConfigError && err.problems.some((p) => p.startsWith(tpl)),
  );
});

test("an output written onto a template is never watched (the daemon's own writes)", async () => {
  await writeFile(tpl, "{{#each profiles}}{{name}}\n{{/each}}");
  await writeFile(cfg, withTemplate(tpl));
  assert.deepEqual((await buildRuntime(cfg, h.env, builtinRenderers)).watched, [cfg]);
});

test("changedSessions names new and edited sessions only", async () => {
  await writeFile(cfg, baseConfig);
  const a = (await buildRuntime(cfg, h.env, builtinRenderers)).config;
  await writeFile(
    cfg,
    `${baseConfig}  - name: other\n    startUrl: https://d-2222222222.awsapps.com/start\n    region: us-east-1\n`,
  );
  const b = (await buildRuntime(cfg, h.env, builtinRenderers)).config;
  assert.deepEqual(changedSessions(a, b), ["other"]);
  assert.deepEqual(changedSessions(b, b), []);
  await writeFile(cfg, baseConfig.replace("eu-north-1", "eu-west-1"));
  assert.deepEqual(changedSessions(a, (await buildRuntime(cfg, h.env, builtinRenderers)).config), ["acme"]);
});
