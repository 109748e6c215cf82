// An output pointed at the live token file is refused before anything happens: exit 3, the path and the
// rule on stderr, no request to Identity Center, the token byte for byte as it was, no file written.
import assert from "node:assert/strict";
import { readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { tokenCachePath } from "../../src/core/auth/index.ts";
import { generateOrg } from "../../src/emulator/index.ts";
import { runCli } from "../support/cli.ts";
import { SESSION, baseConfig, syncFixture, type SyncFixture } from "../support/sync-fixture.ts";

let fx: SyncFixture;
before(async () => {
  fx = await syncFixture(generateOrg(2, { minRoles: 1, maxRoles: 1, seed: 3 }));
});
after(() => fx.cleanup());

test("sync refuses an output whose file is the token cache: exit 3, nothing written, no network", async () => {
  const token = tokenCachePath(SESSION, { env: fx.env });
  const before = await readFile(token, "utf8");
  const tpl = join(fx.home, "t.hbs");
  await writeFile(tpl, "{{#each model.profiles}}{{name}}\n{{/each}}");
  await fx.writeConfig(
    `${baseConfig}outputs:\n  - renderer: aws-config\n  - template: ${tpl}\n    file: ~/.aws/sso/cache/../cache/${token.split("/").pop()}\n`,
  );
  fx.emu.resetCounters();
  const r = await runCli(["sync"], fx.env);
  assert.equal(r.code, 3, r.stderr);
  assert.ok(r.stderr.includes(token), r.stderr);
  assert.match(r.stderr, /outputs\[1\]\.file: .* is inside the AWS SSO token and registration cache/);
  assert.equal(await readFile(token, "utf8"), before, "the token is untouched");
  assert.equal(fx.emu.counters().requests, 0, "no request reached Identity Center");
  await assert.rejects(stat(fx.awsConfig), { code: "ENOENT" }, "no other output was written either");
});
