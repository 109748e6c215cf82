// End to end against the emulator: a user template with a syntax error, or one that prints a field the
// model does not have, fails with file:line:col; nothing is written for that output (an existing file keeps
// its bytes), and every other output is still written.
import assert from "node:assert/strict";
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { loadConfig } from "../../src/core/config/index.ts";
import { runSync, type SyncReport } from "../../src/core/sync.ts";
import { generateOrg } from "../../src/emulator/index.ts";
import { runCli } from "../support/cli.ts";
import { setProcessEnv } from "../support/emulator.ts";
import { baseConfig, syncFixture, type SyncFixture } from "../support/sync-fixture.ts";
import { builtinRenderers } from "../../src/renderers/index.ts";

const TEMPLATES: Record<string, string> = {
  "good.hbs": "{{#each profiles}}\n{{name}} {{accountId}}\n{{/each}}\n",
  // line 2: an unclosed mustache
  "bad-syntax.hbs": "{{#each profiles}}\n{{name}\n{{/each}}\n",
  // line 3, column 3: a field that does not exist
  "bad-field.hbs": "# profiles\n{{#each profiles}}\n{{acountName}}\n{{/each}}\n",
};

const CONFIG = `${baseConfig}outputs:
  - renderer: aws-config
  - template: good.hbs
    file: out/good.txt
    mode: file
  - template: bad-syntax.hbs
    file: out/bad-syntax.txt
    mode: file
  - template: bad-field.hbs
    file: out/existing.txt
`;

const EXISTING =
  "mine\n# BEGIN aws-sso-sync:bad-field (managed)\nold generated text\n# END aws-sso-sync:bad-field\nmine too\n";

describe("a broken template fails alone", () => {
  let fx: SyncFixture;
  let dir: string;
  let report: SyncReport;
  before(async () => {
    fx = await syncFixture(generateOrg(3, { seed: 4 }), CONFIG);
    dir = join(fx.home, ".config", "aws-sso-sync");
    for (const [name, text] of Object.entries(TEMPLATES)) await writeFile(join(dir, name), text);
    await mkdir(join(dir, "out"), { recursive: true });
    await writeFile(join(dir, "out", "existing.txt"), EXISTING);
    const { config } = await loadConfig(fx.configFile, { env: fx.env });
    const restore = setProcessEnv(fx.env);
    try {
      report = await runSync(config, { env: fx.env, renderers: builtinRenderers });
    } finally {
      restore();
    }
  });
  after(() => fx.cleanup());

  const result = (name: string) =>
    report.outputs.find((o) => o.name === name) ?? assert.fail(`no result for ${name}`);

  test("the syntax error is reported with its file and line; that file is not created", async () => {
    const r = result("bad-syntax");
    assert.equal(r.status, "failed");
    assert.match(
      r.problems.join("\n"),
      new RegExp(`${join(dir, "bad-syntax.hbs").replace(/[.]/g, "\\.")}:2:\\d+: Parse error`),
    );
    assert.equal(await stat(join(dir, "out", "bad-syntax.txt")).catch(() => null), null);
  });

  test("the unknown field is reported at file:line:col; the existing file keeps its bytes", async () => {
    const r = result("bad-field");
    assert.equal(r.status, "failed");
    assert.ok(
      r.problems.some((p) => p.startsWith(`${join(dir, "bad-field.hbs")}:3:3: unknown field "acountName"`)),
      r.problems.join("\n"),
    );
    assert.equal(await readFile(join(dir, "out", "existing.txt"), "utf8"), EXISTING);
  });

  test("the other outputs are written and the run exits non-zero", async () => {
    assert.equal(result("aws-config").status, "written");
    assert.equal(result("good").status, "written");
    const good = await readFile(join(dir, "out", "good.txt"), "utf8");
    assert.equal(good.trim().split("\n").length, report.model?.profiles.length);
    assert.match(await readFile(fx.awsConfig, "utf8"), /\[sso-session acme\]/);
    assert.notEqual(report.exitCode, 0);
  });

  test("the CLI prints the same located errors", async () => {
    const r = await runCli(["sync"], fx.env);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /output bad-syntax: failed/);
    assert.match(r.stderr, /bad-field\.hbs:3:3: unknown field "acountName"/);
    assert.match(r.stdout, /output good: (written|unchanged)/);
  });
});
