// "User sections always win", also while recovering: the user wrote, by hand and outside our regions,
// profiles under names we generate, with our keys but values of their own (another region). A sync leaves
// ours out and names the conflict. Then another tool rewrites the file (go-ini, populate, a sort) and the
// sync that recovers our regions must still take those sections for the user's: kept as the tool left
// them, each once, never replaced by ours (docs/internals/coexistence-rewrites.md).
import assert from "node:assert/strict";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { after, before, describe, test } from "node:test";
import { generateOrg } from "../../src/emulator/index.ts";
import { botocoreSkip, botocoreView } from "../renderers/support/botocore.ts";
import { runCli } from "../support/cli.ts";
import { baseConfig, START_URL, syncFixture, type SyncFixture } from "../support/sync-fixture.ts";
import { loadGoIni, saveGoIni } from "./support/goini-save.ts";
import { populate } from "./support/populate.ts";
import { sortSections } from "./support/sort-sections.ts";

const USER = "# my own\n[profile mine]\nregion = us-east-1\n\n";
const CONFIG = `${baseConfig}outputs:\n  - renderer: aws-config\n  - renderer: granted\n  - renderer: aws-vault\n`;
const org = generateOrg(3, { minRoles: 1, maxRoles: 2, seed: 21 });

/** The first profile section of region `name`, as our sync wrote it (header to the blank line after it). */
function firstProfile(text: string, name: string): string {
  const region = text.slice(text.indexOf(`# BEGIN aws-sso-sync:${name} `));
  const at = region.indexOf("[profile ");
  return `${region.slice(at, region.indexOf("\n\n", at))}\n`;
}

const headers = (t: string) => t.split("\n").filter((l) => l.startsWith("["));

let fx: SyncFixture;
/** The user's hand-written copies, one per output, each with region = ap-south-1 instead of ours. */
let hand: string[];
/** Our synced file without our sections of those names, as a sync leaves it when the user's win. */
let oursLeftOut: string;
before(async () => {
  fx = await syncFixture(org, CONFIG);
  await mkdir(dirname(fx.awsConfig), { recursive: true });
  await writeFile(fx.awsConfig, USER);
  assert.equal((await runCli(["sync"], fx.env)).code, 0);
  const synced = await readFile(fx.awsConfig, "utf8");
  oursLeftOut = synced;
  hand = ["aws-config", "granted", "aws-vault"].map((n) => {
    const ours = firstProfile(synced, n);
    assert.match(ours, /^region = eu-north-1$/m, ours);
    oursLeftOut = oursLeftOut.replace(`${ours}\n`, "");
    return ours.replace(/^region = eu-north-1$/m, "region = ap-south-1");
  });
});
after(() => fx.cleanup());

/** A file where the user's copies win: the sync reports each conflict and writes ours nowhere. */
async function withUserCopies(): Promise<string> {
  await writeFile(fx.awsConfig, `${hand.join("\n")}\n${oursLeftOut}`);
  const r = await runCli(["sync", "--verbose"], fx.env);
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stderr, /recovered/, "the regions are whole");
  assert.equal(r.stderr.match(/is defined outside the managed region/g)?.length, hand.length, r.stderr);
  const text = await readFile(fx.awsConfig, "utf8");
  for (const h of hand) assert.equal(text.split(h.split("\n")[0] as string).length, 2, h);
  return text;
}

/** The rewritten file's form of each user copy (the tool may have padded it), as a block of lines. */
const blockOf = (t: string, section: string) => t.slice(t.indexOf(section)).split("\n\n")[0] as string;

async function recoversKeepingTheirs(rewritten: string, kept: string[]): Promise<void> {
  await writeFile(fx.awsConfig, rewritten);
  const r = await runCli(["sync", "--verbose"], fx.env);
  assert.equal(r.code, 0, `${r.stderr}\n--- rewritten ---\n${rewritten}`);
  assert.match(r.stderr, /recovered/);
  const text = await readFile(fx.awsConfig, "utf8");
  const got = headers(text);
  assert.equal(new Set(got).size, got.length, `no section twice:\n${text}`);
  for (const copy of kept) {
    const header = copy.split("\n")[0] as string;
    const theirs = blockOf(rewritten, header);
    assert.match(theirs, /^region\s*= ap-south-1$/m, theirs);
    assert.ok(text.includes(theirs), `the user's ${header} kept as the tool left it:\n${text}`);
  }
  assert.equal(r.stderr.match(/is defined outside the managed region/g)?.length, kept.length, r.stderr);
  const again = await runCli(["sync"], fx.env);
  assert.equal(again.code, 0, again.stderr);
  assert.equal(await readFile(fx.awsConfig, "utf8"), text, "the next sync changes nothing");
  if (botocoreSkip()) return;
  const view = await botocoreView(fx.awsConfig, fx.env);
  assert.equal(view.load_error, undefined);
  assert.deepEqual(view.errors, {});
}

describe("user sections always win while recovering", () => {
  test("a go-ini save: the user's copies of our profiles stay theirs", async () => {
    const rewritten = saveGoIni(loadGoIni(await withUserCopies()));
    assert.doesNotMatch(rewritten, /# END aws-sso-sync:aws-vault/);
    await recoversKeepingTheirs(rewritten, hand);
  });

  test("granted sso populate: the user's copies outside Granted's names stay theirs", async () => {
    const file = loadGoIni(await withUserCopies());
    const profiles = org.accounts.flatMap((a) =>
      a.roles.map((roleName) => ({ accountId: a.accountId, accountName: a.accountName, roleName })),
    );
    populate(file, profiles, { startUrl: START_URL, ssoRegion: "eu-north-1" });
    // populate replaced the user's section of a Granted name with its own: that one is Granted's doing.
    await recoversKeepingTheirs(saveGoIni(file), [hand[0] as string, hand[2] as string]);
  });

  test("an editor that sorts the sections: the user's copies stay theirs", async () => {
    await recoversKeepingTheirs(sortSections(await withUserCopies()), hand);
  });
});
