// A selected session whose discovery fails and that has no earlier discovery to fall back on must block
// every write: rendering without it would prune its profiles from every file.
import assert from "node:assert/strict";
import { readFile, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { stateDir } from "../../src/core/paths.ts";
import { generateOrg } from "../../src/emulator/index.ts";
import { runCli } from "../support/cli.ts";
import { SESSION, seedToken, syncFixture, type SyncFixture } from "../support/sync-fixture.ts";

const OTHER = { ...SESSION, name: "other", startUrl: "https://d-0987654321.awsapps.com/start" };
const TWO = `sessions:
  - name: acme
    startUrl: ${SESSION.startUrl}
    region: ${SESSION.region}
  - name: other
    startUrl: ${OTHER.startUrl}
    region: ${OTHER.region}
discovery:
  maxAttempts: 1
`;

const org = generateOrg(3, { minRoles: 1, maxRoles: 1, seed: 11 });
let fx: SyncFixture;
before(async () => {
  fx = await syncFixture(org, TWO);
  await seedToken(fx.emu, fx.env, undefined, OTHER);
});
after(() => fx.cleanup());

test("a selected session that fails with no earlier discovery blocks every write", async () => {
  const first = await runCli(["sync"], fx.env);
  assert.equal(first.code, 0, first.stderr);
  const good = await readFile(fx.awsConfig, "utf8");
  assert.equal(good.split("\n").filter((l) => l === "sso_session = other").length, 3);
  // "other" loses its last good discovery (say, the state folder was cleared), then both listings fail:
  // "acme" falls back on its state, "other" has nothing to fall back on.
  const dir = join(stateDir(fx.env), "discovered");
  const gone = (await readdir(dir)).filter((f) => f.startsWith("other."));
  assert.equal(gone.length, 1);
  await rm(join(dir, gone[0] as string));
  fx.emu.configure({ failRolesFor: [org.accounts[0]?.accountId ?? ""] });

  const r = await runCli(["sync"], fx.env);
  assert.equal(await readFile(fx.awsConfig, "utf8"), good, "other's profiles are kept, nothing written");
  assert.match(r.stderr, /no output written: other has no earlier discovery to fall back on/);
  assert.equal(r.code, 6, r.stderr);
});
