// checkIniJs / verifyPlan go through the JS SDK's real loader (@smithy/shared-ini-file-loader), which
// reads names and delimiters differently from botocore (docs/internals/consumers.md 2).
import { test } from "node:test";
import assert from "node:assert/strict";
import { checkIniJs, planRegion, planWholeFile, verifyPlan, type RegionSpec } from "./index.ts";

const AWS: RegionSpec = { name: "aws-config", comment: "#", format: "ini" };
const GOOD =
  "[sso-session acme]\nsso_region = eu-north-1\n\n[profile acme-prod.Admin]\nsso_session = acme\n\n[default]\nregion = x\n";

test("every generated section is visible to the JS SDK", async () => {
  assert.deepEqual(await checkIniJs(GOOD, ["sso-session acme", "profile acme-prod.Admin", "default"]), []);
});

test("sections botocore reads but the JS SDK does not are reported", async () => {
  const text = '[profile "a b"]\nregion = x\n[profile colon]\nregion: x\n[profile ok]\nregion = x\n';
  assert.deepEqual(await checkIniJs(text, ['profile "a b"', "profile colon", "profile ok"]), [
    'the JS SDK ignores [profile "a b"] (a name it does not accept)',
    "the JS SDK does not see [profile colon] when it loads the file",
  ]);
});

test("a section name the JS SDK rejects makes it drop the whole file", async () => {
  const text = `[profile __proto__]\nregion = x\n${GOOD}`;
  const problems = await checkIniJs(text, ["profile acme-prod.Admin"]);
  assert.deepEqual(problems, ["the JS SDK does not see [profile acme-prod.Admin] when it loads the file"]);
});

test("verifyPlan checks the sections of every region, not the user's", async () => {
  const user = "[profile mine]\nregion: x\n";
  const ok = planRegion("/x/config", user, AWS, GOOD);
  assert.deepEqual(await verifyPlan(ok), []);
  const bad = planRegion("/x/config", user, AWS, '[profile "two words"]\nregion = x\n');
  assert.deepEqual(await verifyPlan(bad), [
    'the JS SDK ignores [profile "two words"] (a name it does not accept)',
  ]);
  assert.deepEqual(await verifyPlan(planWholeFile("/x/config", null, "[profile k]\nk: v\n", "ini")), [
    "the JS SDK does not see [profile k] when it loads the file",
  ]);
});

test("concurrent checks do not see each other's text", async () => {
  const texts = Array.from({ length: 20 }, (_, i) => `[profile p${i}]\nregion = r${i}\n`);
  const results = await Promise.all(
    texts.map((t, i) => checkIniJs(t, [`profile p${i}`, `profile p${(i + 1) % 20}`])),
  );
  results.forEach((r) => assert.equal(r.length, 1));
});
