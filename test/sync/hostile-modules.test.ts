// User modules are code in our process: one that changes the model, renders nothing or never returns must
// fail alone, and every other output is written whole. Run as the user runs it: a real `sync` child process
// against the emulator (docs/internals/content-safety.md).
import assert from "node:assert/strict";
import { access, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { generateOrg } from "../../src/emulator/index.ts";
import { runCli, startCli, type CliResult } from "../support/cli.ts";
import { baseConfig, syncFixture, type SyncFixture } from "../support/sync-fixture.ts";

const org = generateOrg(6, { minRoles: 2, maxRoles: 3, seed: 11 });
const expected = org.accounts.reduce((n, a) => n + a.roles.length, 0);

/** A module renderer in `dir`: region INI output into `<id>.ini`, with the given hook source. */
async function writeModule(dir: string, id: string, template: string, hooks: string): Promise<string> {
  await writeFile(join(dir, `${id}.hbs`), template);
  const file = join(dir, `${id}.mjs`);
  await writeFile(
    file,
    `import { writeFileSync } from "node:fs";
export default {
  id: "${id}",
  description: "hostile",
  template: "${id}.hbs",
  defaultFile: () => ${JSON.stringify(join(dir, `${id}.ini`))},
  mode: { kind: "region", comment: "#", format: "ini" },
  ${hooks}
};
void writeFileSync;
`,
  );
  return file;
}

const exists = (p: string) =>
  access(p).then(
    () => true,
    () => false,
  );

describe("hostile user modules", () => {
  let fx: SyncFixture;
  let dir: string;
  const shellFile = () => join(fx.home, "aliases.bash");
  const config = (modules: string[], extra = "") =>
    `${baseConfig}${extra}outputs:\n${modules.map((m) => `  - module: ${m}\n`).join("")}  - renderer: aws-config\n  - renderer: shell\n    file: ${shellFile()}\n`;

  /** The outputs that did not misbehave hold every profile. */
  async function othersWhole(run: CliResult): Promise<void> {
    assert.match(run.stdout, /output aws-config: (written|unchanged)/, run.stderr);
    assert.match(run.stdout, /output shell: (written|unchanged)/, run.stderr);
    const aws = await readFile(fx.awsConfig, "utf8");
    assert.equal(aws.split("\n").filter((l) => l.startsWith("[profile ")).length, expected);
    const shell = await readFile(shellFile(), "utf8");
    // One function per profile, plus aws-sso-profiles, aws-sso-use and aws-sso-clear.
    assert.equal(shell.split("\n").filter((l) => /^\s*function aws-\S+ \{/.test(l)).length, expected + 3);
  }

  before(async () => {
    fx = await syncFixture(org);
    dir = join(fx.home, "mods");
    await mkdir(dir, { recursive: true });
  });
  after(() => fx.cleanup());

  test("a module that empties the model fails alone; the others keep every profile", async () => {
    const mod = await writeModule(
      dir,
      "mutate",
      "{{#each profiles}}[profile m-{{name}}]\nregion = {{region}}\n{{/each}}",
      "context: ({ model }) => { model.profiles.splice(0); model.sessions.length = 0; return {}; },",
    );
    await fx.writeConfig(config([mod]));
    const run = await runCli(["sync"], fx.env);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /output mutate: failed/);
    assert.match(run.stderr, /context\(\) of module .*mutate\.mjs failed/);
    assert.match(run.stderr, /read-only/);
    assert.equal(await exists(join(dir, "mutate.ini")), false);
    await othersWhole(run);
  });

  test("a module whose result lists no profile fails and writes nothing", async () => {
    const mod = await writeModule(
      dir,
      "empty",
      "{{#each mine}}[profile {{this}}]\n{{/each}}",
      "context: () => ({ mine: [] }),",
    );
    await fx.writeConfig(config([mod]));
    const run = await runCli(["sync"], fx.env);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /output empty: failed/);
    assert.match(run.stderr, /no \[profile …\] section, while the model has \d+ profiles/);
    assert.equal(await exists(join(dir, "empty.ini")), false);
    await othersWhole(run);
  });

  test("hooks that never return are stopped at the time limit; the others are written", async () => {
    const spin = await writeModule(dir, "spin", "x = 1\n", "context: () => { for (;;) {} },");
    // A function context() hands to the template loops when the template calls it.
    const lure = await writeModule(
      dir,
      "lure",
      "{{spin}}\n",
      "context: () => ({ spin: () => { for (;;) {} } }),",
    );
    await fx.writeConfig(config([spin, lure], "hookTimeoutSeconds: 1\n"));
    const run = await runCli(["sync"], fx.env, 120_000);
    assert.equal(run.timedOut, false, "sync ended on its own");
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stderr, /context\(\) of module .*spin\.mjs did not return within 1 s/);
    assert.match(run.stderr, /the template of module .*lure\.mjs did not return within 1 s/);
    assert.equal(await exists(join(dir, "spin.ini")), false);
    assert.equal(await exists(join(dir, "lure.ini")), false);
    await othersWhole(run);
  });

  test("SIGTERM while a hook loops ends the process within the hook's time limit", async () => {
    const marker = join(dir, "looping");
    const mod = await writeModule(
      dir,
      "stuck",
      "x = 1\n",
      `context: () => { writeFileSync(${JSON.stringify(marker)}, "1"); for (;;) {} },`,
    );
    await fx.writeConfig(config([mod], "hookTimeoutSeconds: 3\n"));
    const run = startCli(["sync"], fx.env, 120_000);
    for (let i = 0; i < 600 && !(await exists(marker)); i++) await new Promise((r) => setTimeout(r, 100));
    assert.ok(await exists(marker), `the hook never ran:\n${run.stderr()}`);
    run.child.kill("SIGTERM");
    const r = await run.done;
    assert.equal(r.timedOut, false, `still running after SIGTERM:\n${r.stderr}`);
    assert.ok(r.signal === "SIGTERM" || r.code === 143, `exit ${String(r.code)} ${String(r.signal)}`);
  });
});
