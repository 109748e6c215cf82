// Another tool rewrites ~/.aws/config with our regions in it. Each test starts from a file our sync wrote
// (aws-config, granted and aws-vault regions after the user's own text), lets one tool rewrite it the way
// that tool does, and syncs again: the regions come back in one piece, the sync says once what happened,
// the file loads in botocore with no duplicate section, and every line of the user's sections is kept.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { after, before, beforeEach, describe, test } from "node:test";
import { generateOrg } from "../../src/emulator/index.ts";
import { botocoreSkip, botocoreView } from "../renderers/support/botocore.ts";
import { runCli } from "../support/cli.ts";
import { baseConfig, START_URL, syncFixture, type SyncFixture } from "../support/sync-fixture.ts";
import { loadGoIni, saveGoIni } from "./support/goini-save.ts";
import { populate, type PopulateProfile } from "./support/populate.ts";
import { sortSections } from "./support/sort-sections.ts";

const USER =
  "# my own\n[profile mine]\nregion = us-east-1\noutput = json\n\n[default]\nregion = eu-west-1\n\n";
const CONFIG = `${baseConfig}outputs:\n  - renderer: aws-config\n  - renderer: granted\n  - renderer: aws-vault\n`;
/** The same outputs with the aws-vault region written before the granted one. */
const VAULT_FIRST = `${baseConfig}outputs:\n  - renderer: aws-config\n  - renderer: aws-vault\n  - renderer: granted\n`;
const org = generateOrg(3, { minRoles: 1, maxRoles: 2, seed: 21 });
const profiles: PopulateProfile[] = org.accounts.flatMap((a) =>
  a.roles.map((roleName) => ({ accountId: a.accountId, accountName: a.accountName, roleName })),
);

let fx: SyncFixture;
let synced: string;
before(async () => {
  fx = await syncFixture(org, CONFIG);
  await mkdir(dirname(fx.awsConfig), { recursive: true });
});
after(() => fx.cleanup());
beforeEach(async () => {
  await writeFile(fx.awsConfig, USER);
  const r = await runCli(["sync"], fx.env);
  assert.equal(r.code, 0, r.stderr);
  synced = await readFile(fx.awsConfig, "utf8");
});

const headers = (t: string) => t.split("\n").filter((l) => l.startsWith("["));
const goIni = (t: string) => saveGoIni(loadGoIni(t));
/** The user's sections as the other tool left them: header and key lines, padded or not. */
const userBlocks = (t: string, names: string[]) =>
  names.map((n) => t.slice(t.indexOf(`[${n}]`)).split("\n\n")[0] as string);

/** Region `name` from its BEGIN line to its END line. */
const region = (t: string, name: string) =>
  t.slice(t.indexOf(`# BEGIN aws-sso-sync:${name} `), t.indexOf(`# END aws-sso-sync:${name}\n`));

/** Syncs the rewritten file twice: the first recovers `regions` regions and says so once each, the
 * second has nothing to say and changes nothing. */
async function recover(rewritten: string, said: RegExp, regions: number): Promise<string> {
  await writeFile(fx.awsConfig, rewritten);
  const r = await runCli(["sync"], fx.env);
  assert.equal(r.code, 0, `${r.stderr}\n--- rewritten ---\n${rewritten}`);
  assert.match(r.stderr, said);
  assert.equal(r.stderr.match(/recovered/g)?.length ?? 0, regions, r.stderr);
  const text = await readFile(fx.awsConfig, "utf8");
  const again = await runCli(["sync"], fx.env);
  assert.equal(again.code, 0, again.stderr);
  assert.doesNotMatch(again.stderr, /recovered/);
  assert.equal(await readFile(fx.awsConfig, "utf8"), text, "the second sync changes nothing");
  return text;
}

/** The same profiles as before the rewrite (plus `extra`), each once, and botocore loads the file. */
async function assertWhole(text: string, extra: string[] = []): Promise<void> {
  const got = headers(text);
  assert.equal(new Set(got).size, got.length, `no section twice:\n${text}`);
  assert.deepEqual([...got].sort(), [...headers(synced), ...extra].sort());
  for (const name of ["aws-config", "granted", "aws-vault"]) {
    assert.equal(text.split(`# BEGIN aws-sso-sync:${name} `).length, 2, name);
    assert.equal(text.split(`# END aws-sso-sync:${name}\n`).length, 2, name);
  }
  if (botocoreSkip()) return;
  const view = await botocoreView(fx.awsConfig, fx.env);
  assert.equal(view.load_error, undefined);
  assert.deepEqual(view.errors, {});
}

describe("another tool rewrites our regions", () => {
  test("a go-ini save (padding, comments moved, the last comment dropped) is re-anchored", async () => {
    const rewritten = goIni(synced);
    assert.doesNotMatch(rewritten, /# END aws-sso-sync:aws-vault/, "the model drops the last comment");
    const text = await recover(
      rewritten,
      /aws-vault: recovered[^\n]*END line was gone[^\n]*granted sso populate/,
      1,
    );
    await assertWhole(text);
    for (const b of userBlocks(rewritten, ["profile mine", "default"])) assert.ok(text.includes(b), b);
  });

  test("granted sso populate: our granted sections deleted and appended again are taken back", async () => {
    const file = loadGoIni(synced);
    populate(file, profiles, { startUrl: START_URL, ssoRegion: "eu-north-1" });
    const rewritten = saveGoIni(file);
    const text = await recover(rewritten, /granted: recovered[^\n]*sections were taken back/, 3);
    await assertWhole(text);
    for (const b of userBlocks(rewritten, ["profile mine", "default"])) assert.ok(text.includes(b), b);
  });

  test("granted sso populate --prune with another prefix: its sections stay, ours are rebuilt", async () => {
    const file = loadGoIni(synced);
    populate(file, profiles, { startUrl: START_URL, ssoRegion: "eu-north-1", prefix: "gr-", prune: true });
    const rewritten = saveGoIni(file);
    assert.doesNotMatch(rewritten, /BEGIN aws-sso-sync:granted/, "prune took our BEGIN line with it");
    const theirs = headers(rewritten).filter((h) => h.startsWith("[profile gr-"));
    assert.equal(theirs.length, profiles.length);
    const text = await recover(rewritten, /granted: recovered[^\n]*granted sso populate/, 3);
    await assertWhole(text, theirs);
    const blocks = userBlocks(rewritten, ["profile mine", "default", ...theirs.map((h) => h.slice(1, -1))]);
    for (const b of blocks) assert.ok(text.includes(b), b);
  });

  test("granted sso populate --prune right after the aws-vault region: the END of aws-vault went too", async () => {
    // The case: aws-vault's END line sits above granted's first section, so go-ini keeps it for that
    // section and --prune deletes it along with the section; granted's own END went with the file's end.
    await fx.writeConfig(VAULT_FIRST);
    try {
      await writeFile(fx.awsConfig, USER);
      const first = await runCli(["sync"], fx.env);
      assert.equal(first.code, 0, first.stderr);
      synced = await readFile(fx.awsConfig, "utf8");
      assert.match(synced, /^# END aws-sso-sync:aws-vault\n\n?# BEGIN aws-sso-sync:granted /m, synced);
      const file = loadGoIni(synced);
      populate(file, profiles, { startUrl: START_URL, ssoRegion: "eu-north-1", prefix: "gr-", prune: true });
      const rewritten = saveGoIni(file);
      assert.doesNotMatch(rewritten, /END aws-sso-sync:aws-vault/, "prune took aws-vault's END line with it");
      assert.doesNotMatch(rewritten, /aws-sso-sync:granted/, "prune took granted's BEGIN, go-ini its END");
      const theirs = headers(rewritten).filter((h) => h.startsWith("[profile gr-"));
      assert.equal(theirs.length, profiles.length);
      // aws-config's region above them is whole: two regions to recover, each named once.
      const said = /aws-vault: recovered[^\n]*END line was gone[^\n]*\n(?:.*\n)*?.*granted: recovered/;
      const text = await recover(rewritten, said, 2);
      await assertWhole(text, theirs);
      for (const name of ["aws-config", "aws-vault", "granted"])
        assert.equal(region(text, name), region(synced, name), `${name}: every section back inside it`);
      const blocks = userBlocks(rewritten, ["profile mine", "default", ...theirs.map((h) => h.slice(1, -1))]);
      for (const b of blocks) assert.ok(text.includes(b), b);
    } finally {
      await fx.writeConfig(CONFIG);
    }
  });

  const awsCliPython = "/usr/bin/python3";
  const hasAwsCliWriter =
    spawnSync(awsCliPython, ["-c", "import awscli.customizations.configure.writer"], { stdio: "ignore" })
      .status === 0;
  const writerSkip =
    hasAwsCliWriter || process.env.CI === "true" ? false : "the AWS CLI v2's Python package is not installed";
  /** `aws configure sso`'s last step, through the AWS CLI's own writer: profile cli-dev, session corp. */
  const awsConfigureSso = () =>
    spawnSync(
      awsCliPython,
      [
        new URL("../support/py/aws_configure_sso_write.py", import.meta.url).pathname,
        ...[fx.awsConfig, "cli-dev", "corp", START_URL, "eu-north-1", "999999999999", "Dev"],
      ],
      { encoding: "utf8" },
    );

  test(
    "aws configure sso appends a profile right after where our END line was",
    { skip: writerSkip },
    async () => {
      // go-ini dropped the END line at the end of the file; then `aws configure sso` appends after our last key.
      const rewritten = goIni(synced);
      await writeFile(fx.awsConfig, rewritten);
      const w = awsConfigureSso();
      assert.equal(w.status, 0, w.stderr);
      const appended = await readFile(fx.awsConfig, "utf8");
      assert.ok(appended.startsWith(rewritten), "the AWS CLI appends");
      const text = await recover(appended, /aws-vault: recovered/, 1);
      await assertWhole(text, ["[profile cli-dev]", "[sso-session corp]"]);
      assert.ok(text.includes(appended.slice(rewritten.length)), "the AWS CLI's lines are kept as written");
      const end = text.indexOf("# END aws-sso-sync:aws-vault\n");
      assert.ok(end >= 0 && end < text.indexOf("[profile cli-dev]"), "the region ends before their profile");
    },
  );

  test(
    "aws configure sso appends a profile right after our intact END line: it stays outside, once",
    { skip: writerSkip },
    async () => {
      assert.ok(synced.endsWith("# END aws-sso-sync:aws-vault\n"), "our last region ends the file");
      await writeFile(fx.awsConfig, synced);
      const w = awsConfigureSso();
      assert.equal(w.status, 0, w.stderr);
      const appended = await readFile(fx.awsConfig, "utf8");
      assert.ok(appended.startsWith(synced), "the AWS CLI appends");
      const theirs = appended.slice(synced.length);
      assert.match(theirs, /^\[profile cli-dev\]\n/, "right after our END line");
      const r = await runCli(["sync"], fx.env);
      assert.equal(r.code, 0, r.stderr);
      assert.doesNotMatch(r.stderr, /recovered|has no END/, "every region is whole: nothing to recover");
      const text = await readFile(fx.awsConfig, "utf8");
      await assertWhole(text, ["[profile cli-dev]", "[sso-session corp]"]);
      assert.equal(text.split(theirs).length, 2, `the AWS CLI's lines are kept once, as written:\n${text}`);
      const end = text.indexOf("# END aws-sso-sync:aws-vault\n");
      assert.ok(end >= 0 && end < text.indexOf("[profile cli-dev]"), "the region ends before their profile");
      for (const name of ["aws-config", "granted", "aws-vault"])
        assert.equal(region(text, name), region(synced, name), `${name}: unchanged`);
      for (const b of userBlocks(synced, ["profile mine", "default"])) assert.ok(text.includes(b), b);
      assert.equal((await runCli(["sync"], fx.env)).code, 0);
      assert.equal(await readFile(fx.awsConfig, "utf8"), text, "the next sync changes nothing");
    },
  );

  test("an editor that sorts the sections: every region is rebuilt, the user's sections stay", async () => {
    const rewritten = sortSections(synced);
    const text = await recover(rewritten, /recovered[^\n]*sorted the sections/, 3);
    await assertWhole(text);
    for (const b of userBlocks(rewritten, ["profile mine", "default"])) assert.ok(text.includes(b), b);
  });
});
