// The render, validate and shell-init commands as a user runs them (child processes, temp HOME).
import assert from "node:assert/strict";
import { mkdir, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { saveDiscovered } from "../../src/core/state/discovered.ts";
import { runCli } from "../support/cli.ts";
import { tempHome, type TempHome } from "../support/emulator.ts";

let h: TempHome;
let cfgDir: string;
const CONFIG = `sessions:
  - name: acme
    startUrl: https://d-1234567890.awsapps.com/start
    region: eu-north-1
outputs:
  - renderer: aws-config
  - renderer: shell
    name: shell-fish
    file: ~/my-fish-functions.fish
    options: { shell: fish }
`;

before(async () => {
  h = await tempHome();
  cfgDir = join(h.home, ".config", "aws-sso-sync");
  await mkdir(cfgDir, { recursive: true });
  await writeFile(join(h.home, "list.hbs"), "{{#each profiles}}\n{{name}}|{{sh accountName}}\n{{/each}}\n");
});
after(() => h.cleanup());

describe("render", () => {
  test("--template --sample works without a config and writes nothing", async () => {
    const r = await runCli(["render", "--template", join(h.home, "list.hbs"), "--sample"], h.env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^production\.ReadOnlyAccess\|'Production'$/m);
    assert.match(
      r.stdout,
      /\|'Quote'\\''s "double" \$\(touch aws-sso-sync-canary\)/,
      "hostile sample names are there, quoted",
    );
    assert.deepEqual(
      (await readdir(h.home)).sort(),
      [".config", "list.hbs"],
      "no ~/.aws, no state directory",
    );
  });

  test("without a sync and without --sample it says what to do", async () => {
    await writeFile(join(cfgDir, "config.yaml"), CONFIG);
    const r = await runCli(["render", "--output", "aws-config"], h.env);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no discovery stored yet[\s\S]*--sample/);
  });

  test("--output renders a configured output from the last sync; --template previews an edit with its context", async () => {
    await saveDiscovered(
      {
        session: "acme",
        accounts: [
          { accountId: "111111111111", accountName: "Prod", emailAddress: "p@example.com", roles: ["Admin"] },
        ],
      },
      "https://d-1234567890.awsapps.com/start",
      h.env,
    );
    const r = await runCli(["render", "--output", "aws-config"], h.env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^\[profile prod\.Admin\]$/m);
    await writeFile(
      join(h.home, "edit.hbs"),
      "{{#each shellProfiles}}\n{{fn}} -> {{fish profile}} ({{@root.options.shell}})\n{{/each}}\n",
    );
    const e = await runCli(
      ["render", "--output", "shell-fish", "--template", join(h.home, "edit.hbs")],
      h.env,
    );
    assert.equal(e.code, 0, e.stderr);
    assert.equal(e.stdout, "aws-prod.Admin -> 'prod.Admin' (fish)\n");
    assert.ok(!(await readdir(h.home)).includes(".aws"), "render wrote nothing");
  });
});

describe("validate", () => {
  test("a good config passes", async () => {
    await writeFile(join(cfgDir, "config.yaml"), CONFIG);
    const r = await runCli(["validate"], h.env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /ok: 2 output/);
  });

  test("each broken template is reported at file:line:col; the exit code is non-zero", async () => {
    await writeFile(join(cfgDir, "a.hbs"), "ok\n{{#each profiles}}{{nmae}}{{/each}}\n");
    await writeFile(join(cfgDir, "b.hbs"), "{{#if x}}\nunclosed\n");
    await writeFile(join(cfgDir, "c.hbs"), "[profile {{#each profiles}}x{{/each}}]\nregion = 1\n");
    await writeFile(
      join(cfgDir, "config.yaml"),
      `${CONFIG}  - template: a.hbs\n    file: a.txt\n  - template: b.hbs\n    file: b.txt\n  - template: c.hbs\n    name: c\n    file: c.ini\n    format: ini\n    mode: file\n`,
    );
    const r = await runCli(["validate"], h.env);
    assert.equal(r.code, 3);
    assert.match(r.stderr, new RegExp(`${join(cfgDir, "a.hbs")}:2:\\d+: unknown field "nmae"`));
    assert.match(r.stderr, new RegExp(`${join(cfgDir, "b.hbs")}:\\d+:\\d+: Parse error`));
    assert.doesNotMatch(r.stderr, /output c:/, "c renders one valid section");
    assert.match(r.stderr, /^2 problems found$/m);
  });

  test("config errors are reported with the config file's line and column", async () => {
    await writeFile(
      join(cfgDir, "config.yaml"),
      `${CONFIG}  - renderer: shell\n    name: shell-x\n    options: { shell: tcsh }\n`,
    );
    const r = await runCli(["validate"], h.env);
    assert.equal(r.code, 3);
    assert.match(r.stderr, /options\.shell/);
  });
});

describe("shell-init", () => {
  test("prints the line for the configured file, quoted for the shell", async () => {
    await writeFile(join(cfgDir, "config.yaml"), CONFIG);
    const r = await runCli(["shell-init", "fish"], h.env);
    assert.equal(r.code, 0, r.stderr);
    const file = join(h.home, "my-fish-functions.fish");
    assert.equal(r.stdout, `if test -f '${file}'; source '${file}'; end\n`);
    assert.match(r.stderr, /config\.fish/);
  });

  test("without a shell output it prints the default file's line and how to add the output", async () => {
    const r = await runCli(["shell-init", "bash"], h.env);
    assert.equal(r.code, 0, r.stderr);
    const file = join(h.home, ".config", "aws-sso-sync", "shell", "aliases.bash");
    assert.equal(r.stdout, `if [ -f '${file}' ]; then . '${file}'; fi\n`);
    assert.match(r.stderr, /no shell output for bash[\s\S]*renderer: shell/);
  });

  test("an unknown shell is a usage error", async () => {
    const r = await runCli(["shell-init", "tcsh"], h.env);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown shell "tcsh"/);
  });
});
