// One render-and-check for all four callers (core/render/output.ts renderChecked): a result that
// `validate` refuses is refused by the daemon's reload (trial render) and by `render` too.
// Before, the daemon's trial render and `render` skipped the strict INI check that `validate` ran, so a
// reload accepted a template whose every sync then failed.
import assert from "node:assert/strict";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { ConfigError } from "../../src/core/errors.ts";
import { buildRuntime } from "../../src/core/daemon/runtime.ts";
import { runCli } from "../support/cli.ts";
import { tempHome, type TempHome } from "../support/emulator.ts";
import { builtinRenderers } from "../../src/renderers/index.ts";

const CONFIG = `sessions:
  - name: acme
    startUrl: https://d-1234567890.awsapps.com/start
    region: eu-north-1
outputs:
  - template: dup.hbs
    file: ~/dup.ini
    format: ini
    rendersProfiles: false
`;
// Valid Handlebars, and renders: only botocore's rules refuse it (a section defined twice).
const DUPLICATE = "[profile twice]\nregion = us-east-1\n[profile twice]\nregion = eu-west-1\n";

describe("validate, the daemon's reload and render refuse the same result", () => {
  let h: TempHome;
  let file: string;
  before(async () => {
    h = await tempHome();
    const dir = join(h.home, ".config", "aws-sso-sync");
    await mkdir(dir, { recursive: true });
    file = join(dir, "config.yaml");
    await writeFile(file, CONFIG);
    await writeFile(join(dir, "dup.hbs"), DUPLICATE);
  });
  after(() => h.cleanup());

  test("validate refuses it, naming the duplicate", async () => {
    const r = await runCli(["validate"], h.env);
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stderr, /output dup: rendered text, line 3: .*twice/);
  });

  test("the daemon's reload refuses it with the same problem", async () => {
    await assert.rejects(buildRuntime(file, h.env, builtinRenderers), (err: unknown) => {
      assert.ok(err instanceof ConfigError, String(err));
      assert.ok(
        err.problems.some((p) => /^output "dup": rendered text, line 3: .*twice/.test(p)),
        err.problems.join("\n"),
      );
      return true;
    });
  });

  test("render --sample prints it and exits 3 with the problem", async () => {
    const r = await runCli(["render", "--output", "dup", "--sample"], h.env);
    assert.equal(r.code, 3, r.stderr);
    assert.equal(r.stdout, DUPLICATE);
    assert.match(r.stderr, /output dup: failed its checks\n {2}rendered text, line 3: .*twice/);
  });
});
