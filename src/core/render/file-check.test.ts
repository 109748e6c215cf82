// The whole-file check after every region is placed: text outputs in files AWS tools read as INI are held
// to INI rules, a problem two outputs make together fails that file's outputs (other files still go), and
// a renderer's default file in a protected place is refused.
import assert from "node:assert/strict";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { tempHome, type TempHome } from "../../../test/support/emulator.ts";
import { loadConfig } from "../config/index.ts";
import type { Env } from "../paths.ts";
import { loadOutputs } from "./loader.ts";
import { planFiles } from "./write-files.ts";
import { sampleModel } from "../model/sample.ts";
import { builtinRenderers } from "../../renderers/index.ts";

let h: TempHome;
let dir: string;
before(async () => {
  h = await tempHome();
  dir = join(h.home, ".config", "aws-sso-sync");
  await mkdir(dir, { recursive: true });
});
after(() => h.cleanup());

const SESSION = `sessions:
  - name: acme
    startUrl: https://d-1234567890.awsapps.com/start
    region: eu-north-1
  - name: lab
    startUrl: https://d-2222222222.awsapps.com/start
    region: us-east-1
`;

/** Plans `outputs` (YAML list items) with text templates given as name → source. */
async function plan(outputs: string, templates: Record<string, string> = {}, env: Env = h.env) {
  for (const [name, text] of Object.entries(templates)) await writeFile(join(dir, `${name}.hbs`), text);
  // These templates are about the file's rules, not its profiles: the lost-profile rule stays out of the way.
  const entries = outputs.replace(/( {2}- template: [^\n]+\n)/g, "$1    rendersProfiles: false\n");
  await writeFile(join(dir, "config.yaml"), `${SESSION}outputs:\n${entries}`);
  const { config } = await loadConfig(join(dir, "config.yaml"), { env });
  const loaded = await loadOutputs(config, { env, renderers: builtinRenderers });
  assert.deepEqual(loaded.failed, []);
  const planned = await planFiles(loaded.outputs, sampleModel(), env);
  const result = (name: string) => planned.results.find((r) => r.name === name);
  const files = planned.files.map((f) => f.plan.file);
  return { planned, result, files };
}

const awsConfig = () => join(h.home, ".aws", "config");

describe("whole-file check", () => {
  test("a text output repeating a generated profile in ~/.aws/config fails both; other files go", async () => {
    const first = await plan("  - renderer: aws-config\n");
    const text = first.planned.files[0]?.plan.after ?? "";
    const profile = /^\[(profile [^\]]+)\]$/m.exec(text)?.[1] ?? assert.fail("no generated profile");
    const { result, files } = await plan(
      "  - renderer: aws-config\n  - template: dup.hbs\n    file: ~/.aws/config\n  - template: note.hbs\n    file: ~/notes.txt\n",
      { dup: `[${profile}]\nregion = us-east-1\n`, note: "hello\n" },
    );
    for (const name of ["aws-config", "dup"]) {
      const r = result(name);
      assert.equal(r?.status, "failed", name);
      const all = r?.problems.join("\n") ?? "";
      assert.match(all, /outputs "aws-config", "dup" together/);
      assert.match(
        all,
        new RegExp(
          `line \\d+ \\(output "dup"\\): duplicate section \\[${profile.replace(/[.[\]/]/g, "\\$&")}\\], already at line \\d+ \\(output "aws-config"\\)`,
        ),
      );
    }
    assert.ok(!files.includes(awsConfig()), "nothing planned for ~/.aws/config");
    assert.equal(result("note")?.status, "would-write");
    assert.ok(files.includes(join(h.home, "notes.txt")));
  });

  test("keys a text region adds under another output's section are refused", async () => {
    const { result } = await plan(
      "  - renderer: aws-config\n  - template: tail.hbs\n    file: ~/.aws/config\n",
      {
        tail: "output = json\n",
      },
    );
    assert.equal(result("tail")?.status, "failed");
    assert.match(
      result("tail")?.problems.join("\n") ?? "",
      /\(output "tail"\): the key falls under the section at line \d+ \(output "aws-config"\)/,
    );
  });

  test("a profile name only botocore accepts fails the JS SDK check", async () => {
    const { result } = await plan("  - template: odd.hbs\n    file: ~/.aws/config\n", {
      odd: `[profile "a b"]\nregion = us-east-1\n`,
    });
    assert.match(result("odd")?.problems.join("\n") ?? "", /the JS SDK ignores \[profile "a b"\]/);
  });

  test("the credentials file (moved by AWS_SHARED_CREDENTIALS_FILE) is INI; a plain file is not", async () => {
    const creds = join(h.home, "creds");
    const env = { ...h.env, AWS_SHARED_CREDENTIALS_FILE: creds };
    const bad = await plan(`  - template: plain.hbs\n    file: ${creds}\n`, { plain: "just words\n" }, env);
    assert.equal(bad.result("plain")?.status, "failed");
    assert.match(
      bad.result("plain")?.problems.join("\n") ?? "",
      /output "plain" would leave .*\nline 2 \(output "plain"\): text before the first \[section\]/,
    );
    const ok = await plan(`  - template: plain.hbs\n    file: ~/plain.txt\n`, {}, env);
    assert.equal(ok.result("plain")?.status, "would-write");
  });

  test("a renderer's default file in the token cache is refused at plan time", async () => {
    const env = { ...h.env, AWS_CONFIG_FILE: join(h.home, ".aws", "sso", "cache", "x.json") };
    const { result, files } = await plan("  - renderer: aws-config\n", {}, env);
    assert.equal(result("aws-config")?.status, "failed");
    assert.match(
      result("aws-config")?.problems.join("\n") ?? "",
      /is inside the AWS SSO token and registration cache/,
    );
    assert.deepEqual(files, []);
  });
});
