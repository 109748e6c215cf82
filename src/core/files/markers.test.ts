// Malformed markers stop the plan with the file and line named; odd but well-formed ones are accepted.
import { test } from "node:test";
import assert from "node:assert/strict";
import { AppError } from "../errors.ts";
import { MarkerError, planRegion, type RegionSpec } from "./index.ts";
import { markerOf } from "./markers.ts";

const F = "/home/u/.aws/config";
const SPEC: RegionSpec = { name: "aws-config", comment: "#", format: "text" };

function markerError(text: string): MarkerError {
  try {
    planRegion(F, text, SPEC, "x\n");
  } catch (err) {
    assert.ok(err instanceof MarkerError, String(err));
    return err;
  }
  assert.fail("expected a MarkerError");
}

test("BEGIN without END names the file and the BEGIN line", () => {
  const e = markerError("a\n# BEGIN aws-sso-sync:aws-config\nb\n");
  assert.match(e.message, /^\/home\/u\/\.aws\/config: malformed/);
  assert.deepEqual(e.problems, ["line 2: BEGIN aws-sso-sync:aws-config has no END"]);
});

test("END before BEGIN", () => {
  const e = markerError("# END aws-sso-sync:aws-config\n# BEGIN aws-sso-sync:aws-config\n");
  assert.equal(e.problems[0], "line 1: END aws-sso-sync:aws-config without a BEGIN before it");
});

test("two regions with the same name", () => {
  const one = "# BEGIN aws-sso-sync:aws-config\n# END aws-sso-sync:aws-config\n";
  const e = markerError(`${one}x\n${one}`);
  assert.deepEqual(e.problems, [
    "line 4: second BEGIN aws-sso-sync:aws-config (first at line 1)",
    "line 5: END aws-sso-sync:aws-config without a BEGIN before it",
  ]);
});

test("a region opened inside another one", () => {
  const e = markerError(
    "# BEGIN aws-sso-sync:a\n# BEGIN aws-sso-sync:b\n# END aws-sso-sync:b\n# END aws-sso-sync:a\n",
  );
  assert.equal(e.problems[0], 'line 2: BEGIN aws-sso-sync:b inside region "a" (line 1)');
});

test("a problem with another output's markers also stops this one (its text cannot be told apart)", () => {
  markerError("# BEGIN aws-sso-sync:granted\n");
});

test("marker recognition is tolerant of comment token and note, strict about the rest", () => {
  const yes = [
    "# BEGIN aws-sso-sync:a (managed: edits inside are replaced on every sync)",
    "  ;BEGIN aws-sso-sync:a",
    "// END aws-sso-sync:a",
    "<!-- END aws-sso-sync:a -->",
    "BEGIN aws-sso-sync:a",
    "-- BEGIN aws-sso-sync:a_b-1 note\t",
  ];
  const no = [
    "key = BEGIN aws-sso-sync:a",
    "# see BEGIN aws-sso-sync:a",
    "# BEGIN aws-sso-sync:a.b",
    "# BEGIN aws-sso-sync:",
    "# begin aws-sso-sync:a",
    "#xBEGIN aws-sso-sync:a",
    "# BEGIN_AWS_SSO_CLI",
  ];
  for (const l of yes) assert.ok(markerOf(l), l);
  for (const l of no) assert.equal(markerOf(l), null, l);
});

test("bad specs and marker-like content are refused before anything is planned", () => {
  const bad: RegionSpec[] = [
    { ...SPEC, name: "a b" },
    { ...SPEC, comment: "REM" },
    { ...SPEC, comment: "<!--", commentSuffix: "-->" },
    { ...SPEC, comment: "//", format: "ini" },
  ];
  for (const spec of bad) assert.throws(() => planRegion(F, null, spec, ""), AppError, JSON.stringify(spec));
  assert.throws(
    () => planRegion(F, null, SPEC, "ok\n# END aws-sso-sync:aws-config\n"),
    /generated line 2 looks like/,
  );
});
