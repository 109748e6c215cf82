// A `format: text` template writing a generated profile's section into ~/.aws/config next to the
// aws-config output: the sync refuses that file (both outputs named, with the section and the line), the
// file stays byte for byte, botocore still loads every profile, and another output's file is written.
import assert from "node:assert/strict";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { generateOrg } from "../../src/emulator/index.ts";
import { awsCliEnv, botocoreSkip, runPython } from "../support/aws-cli.ts";
import { runCli } from "../support/cli.ts";
import { baseConfig, syncFixture, type SyncFixture } from "../support/sync-fixture.ts";

let fx: SyncFixture;
let profile: string;
before(async () => {
  fx = await syncFixture(generateOrg(3, { minRoles: 1, maxRoles: 2, seed: 5 }));
  await fx.writeConfig(`${baseConfig}outputs:\n  - renderer: aws-config\n`);
  const r = await runCli(["sync"], fx.env);
  assert.equal(r.code, 0, r.stderr);
  const text = await readFile(fx.awsConfig, "utf8");
  profile = /^\[profile ([^\]]+)\]$/m.exec(text)?.[1] ?? assert.fail("no generated profile");
  await writeFile(join(fx.home, "dup.hbs"), `[profile ${profile}]\nregion = us-east-1\n`);
  await writeFile(join(fx.home, "note.hbs"), "{{#each model.profiles}}{{name}}\n{{/each}}");
});
after(() => fx.cleanup());

const dup = (home: string) =>
  `  - template: ${join(home, "dup.hbs")}\n    file: ~/.aws/config\n    format: text\n`;
const note = (home: string) => `  - template: ${join(home, "note.hbs")}\n    file: ~/notes.txt\n`;

async function botocoreLoads(): Promise<void> {
  const py = await runPython(
    "resolve_profiles.py",
    [],
    { ...fx.env, ...awsCliEnv(fx.home, fx.emu.url) },
    120_000,
  );
  assert.equal(py.code, 0, py.stderr);
  const out = JSON.parse(py.stdout) as { profiles: number; ok: string[]; failed: Record<string, string> };
  assert.deepEqual(out.failed, {});
  assert.ok(out.ok.includes(profile), `${profile} resolves`);
}

test(
  "a text template duplicating a generated profile is refused; the file stays loadable",
  { skip: botocoreSkip() },
  async () => {
    const before = await readFile(fx.awsConfig, "utf8");
    await fx.writeConfig(`${baseConfig}outputs:\n  - renderer: aws-config\n${dup(fx.home)}${note(fx.home)}`);
    const r = await runCli(["sync"], fx.env);
    assert.equal(r.code, 1, r.stderr);
    assert.match(
      r.stderr,
      /outputs "aws-config", "dup" together would leave a file that AWS tools cannot load/,
    );
    assert.ok(
      r.stderr.includes(`(output "dup"): duplicate section [profile ${profile}], already at line`),
      r.stderr,
    );
    assert.match(r.stderr, /line \d+ \(output "dup"\): .*at line \d+ \(output "aws-config"\)/);
    assert.equal(await readFile(fx.awsConfig, "utf8"), before, "~/.aws/config is byte for byte as it was");
    assert.match(
      await readFile(join(fx.home, "notes.txt"), "utf8"),
      new RegExp(profile.replace(/\./g, "\\.")),
    );
    await botocoreLoads();
  },
);

test("listed before aws-config, the same template is refused as well", { skip: botocoreSkip() }, async () => {
  const before = await readFile(fx.awsConfig, "utf8");
  await fx.writeConfig(`${baseConfig}outputs:\n${dup(fx.home)}  - renderer: aws-config\n`);
  const r = await runCli(["sync"], fx.env);
  assert.equal(r.code, 1, r.stderr);
  assert.ok(r.stderr.includes(`duplicate section [profile ${profile}]`), r.stderr);
  assert.equal(await readFile(fx.awsConfig, "utf8"), before);
  await botocoreLoads();
});
