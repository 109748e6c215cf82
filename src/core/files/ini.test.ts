// INI awareness in planRegion: user-defined names are left out and reported with their line, a clash
// with another output's region is an error naming both, and the planned file must load in botocore
// with every key still in its owner's section.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  IniCheckError,
  iniSections,
  planRegion,
  planWholeFile,
  sectionId,
  type RegionSpec,
} from "./index.ts";

const F = "/home/u/.aws/config";
const AWS: RegionSpec = { name: "aws-config", comment: "#", format: "ini" };
const GRANTED: RegionSpec = { name: "granted", comment: "#", format: "ini" };
const GEN =
  "# generated\n[sso-session acme]\nsso_region = eu-north-1\n\n[profile a]\nsso_session = acme\n\n[profile b]\nsso_session = acme\n\n[default]\nregion = eu-west-1\n";

function iniError(f: () => unknown): IniCheckError {
  try {
    f();
  } catch (err) {
    assert.ok(err instanceof IniCheckError, String(err));
    return err;
  }
  assert.fail("expected an IniCheckError");
}

test("iniSections follows botocore's naming rules", () => {
  const text =
    '[profile "a b"]\n[profile a b]\n[default]\n[sso-session s]\n[services dev]\n[Profile X]\n[profilex y]\n[DEFAULT]\n';
  assert.deepEqual(
    iniSections(text).map((s) => [s.kind, s.name, s.line]),
    [
      ["profile", "a b", 1],
      ["other", "profile a b", 2],
      ["default", "default", 3],
      ["sso-session", "s", 4],
      ["services", "dev", 5],
      ["other", "Profile X", 6],
      ["profile", "y", 7],
      ["other", "DEFAULT", 8],
    ],
  );
  assert.equal(sectionId("default"), sectionId("profile default"));
  assert.equal(sectionId('profile "a"'), sectionId("profile a"));
  assert.notEqual(sectionId("profile a"), sectionId("sso-session a"));
});

test("a generated section the user already defines is left out and reported with the user's line", () => {
  const user =
    "[profile z]\nregion = x\n\n# my own b\n[profile b]\nregion = us-east-1\n[profile default]\nregion = y\n";
  const p = planRegion(F, user, AWS, GEN);
  assert.deepEqual(p.dropped, [
    { section: "profile b", userLine: 5 },
    { section: "default", userLine: 7 },
  ]);
  const region = p.after.slice(user.length);
  assert.ok(
    region.includes("[profile a]") && region.includes("[sso-session acme]") && region.includes("# generated"),
  );
  assert.ok(!region.includes("[profile b]") && !region.includes("[default]"));
  // Reported again on every sync, and nothing changes.
  const again = planRegion(F, p.after, AWS, GEN);
  assert.deepEqual(again.dropped, p.dropped);
  assert.equal(again.changed, false);
});

test("a section in our own old region is not a conflict", () => {
  const first = planRegion(F, null, AWS, GEN).after;
  assert.deepEqual(planRegion(F, first, AWS, GEN).dropped, []);
});

test("two outputs generating the same profile in one file is an error naming both", () => {
  const withAws = planRegion(F, "[profile mine]\nk = v\n", AWS, GEN).after;
  const e = iniError(() => planRegion(F, withAws, GRANTED, "[profile z]\nk = v\n\n[profile a]\nk = v\n"));
  assert.match(e.message, /outputs collide/);
  assert.deepEqual(e.problems, [
    '[profile a]: output "granted" and output "aws-config" (line 8) both define it',
  ]);
  // [default] and [profile default] are the same profile.
  assert.throws(() => planRegion(F, withAws, GRANTED, "[profile default]\nk = v\n"), /both define it/);
});

test("the user's broken file is refused with the user's line numbers", () => {
  const user = "[profile x]\nregion = a\n[profile y]\nregion = b\nregion = c\n";
  const e = iniError(() => planRegion(F, user, AWS, GEN));
  assert.deepEqual(e.problems, ['line 5: duplicate key "region" in [profile y] (first at line 4)']);
});

test("duplicates inside the generated content name the output and its lines", () => {
  const e = iniError(() =>
    planRegion(F, "[profile u]\nk = v\n", AWS, "[profile a]\nk = 1\n[profile a]\nk = 2\n"),
  );
  assert.deepEqual(e.problems, [
    'generated line 3 of output "aws-config": duplicate section [profile a] (first at generated line 1 of output "aws-config")',
  ]);
});

test("generated text before the first section is refused", () => {
  const e = iniError(() =>
    planRegion(F, "[profile u]\nk = v\n", AWS, "# ok\nregion = x\n[profile a]\nk = v\n"),
  );
  assert.deepEqual(e.problems, ["generated line 2: region = x"]);
});

test("a user key right after the region would join a generated section: refused", () => {
  const first = planRegion(F, null, AWS, "[profile a]\nk = v\n").after;
  const user = `${first}orphan = 1\n  indented = 2\n`;
  const e = iniError(() => planRegion(F, user, AWS, "[profile a]\nk = v\n"));
  assert.equal(e.problems.length, 2);
  assert.match(e.problems[0] ?? "", /^line 5: this key would become part of generated section \[profile a\]/);
});

test("a generated continuation line cannot attach to the user's last key", () => {
  const e = iniError(() => planRegion(F, "[profile u]\nk = v\n", AWS, "  [profile a]\nk = v\n"));
  assert.ok(
    e.problems.some((p) => /botocore would read this as a key of the user's section \[profile u\]/.test(p)),
    e.message,
  );
});

test("planWholeFile checks INI content too", () => {
  assert.equal(planWholeFile(F, null, "[profile a]\nk = v\n", "ini").changed, true);
  assert.throws(() => planWholeFile(F, null, "[a]\n[a]\n", "ini"), IniCheckError);
  assert.equal(planWholeFile(F, "x", "x", "text").changed, false);
});

test("a profile the user adds after a sync takes over: ours is dropped and the file loads again", () => {
  const synced = planRegion(F, null, AWS, GEN).after;
  const edited = `${synced}[profile a]\nregion = mine\n`;
  const p = planRegion(F, edited, AWS, GEN);
  assert.deepEqual(p.dropped, [{ section: "profile a", userLine: synced.split("\n").length }]);
  assert.equal((p.after.match(/\[profile a\]/g) ?? []).length, 1);
});

test("old marker lines that are not INI comments are reported at their line in the file", () => {
  const start = "[profile u]\nk = v\n// BEGIN aws-sso-sync:aws-config\n// END aws-sso-sync:aws-config\n";
  const e = iniError(() => planRegion(F, start, AWS, "[profile a]\nk = v\n"));
  // botocore even reads "// BEGIN aws-sso-sync:aws-config" as a key ("// BEGIN aws-sso-sync" = "aws-config").
  assert.match(
    e.problems[0] ?? "",
    /^line 3 \(region "aws-config"\): botocore would read this as a key of the user's section/,
  );
});
