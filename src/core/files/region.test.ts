// planRegion / planRemoveRegion on text only (no disk): every byte outside the region survives create,
// update, shrink, empty content and removal, in LF and CRLF files, with and without a final newline.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { outsideRegion, planRegion, planRemoveRegion, type RegionSpec } from "./index.ts";

const F = "/home/u/.aws/config";
const INI: RegionSpec = { name: "aws-config", comment: "#", format: "ini" };
const BEGIN = "# BEGIN aws-sso-sync:aws-config (managed: edits inside are replaced on every sync)";
const END = "# END aws-sso-sync:aws-config";
const USER =
  "# my settings\n[default]\nregion = eu-west-1\n\n; keep me\n[profile mine]\nregion = us-east-1\n";
const GEN1 =
  "[sso-session acme]\nsso_start_url = https://d-1.awsapps.com/start\nsso_region = eu-north-1\n\n[profile a]\nsso_session = acme\n\n[profile b]\nsso_session = acme\n";
const GEN2 =
  "[sso-session acme]\nsso_start_url = https://d-1.awsapps.com/start\nsso_region = eu-north-1\n\n[profile b]\nsso_session = acme\n";

describe("planRegion placement", () => {
  test("a new file holds only the region, ending with a newline", () => {
    const p = planRegion(F, null, INI, GEN1);
    assert.equal(p.after, `${BEGIN}\n${GEN1}${END}\n`);
    assert.equal(p.changed, true);
    assert.equal(planRemoveRegion(F, p.after, "aws-config").after, "");
  });

  test("the region is appended after the user's text, which stays byte for byte", () => {
    const p = planRegion(F, USER, INI, GEN1);
    assert.equal(p.after, `${USER}${BEGIN}\n${GEN1}${END}\n`);
    assert.equal(outsideRegion(p.after, "aws-config"), USER);
  });

  test("a file without a final newline gets one break before BEGIN and none after END; removal restores it", () => {
    const user = USER.slice(0, -1);
    const p = planRegion(F, user, INI, GEN1);
    assert.equal(p.after, `${user}\n${BEGIN}\n${GEN1}${END}`);
    const again = planRegion(F, p.after, INI, GEN2);
    assert.equal(again.after, `${user}\n${BEGIN}\n${GEN2}${END}`);
    assert.equal(planRemoveRegion(F, again.after, "aws-config").after, user);
  });

  test("CRLF files get a CRLF region and keep their CRLF lines", () => {
    const user = USER.replace(/\n/g, "\r\n");
    const p = planRegion(F, user, INI, GEN1);
    assert.equal(p.after, `${user}${BEGIN}\r\n${GEN1.replace(/\n/g, "\r\n")}${END}\r\n`);
    const shrunk = planRegion(F, p.after, INI, GEN2.replace(/\n/g, "\r\n"));
    assert.equal(shrunk.after, `${user}${BEGIN}\r\n${GEN2.replace(/\n/g, "\r\n")}${END}\r\n`);
    assert.equal(outsideRegion(shrunk.after, "aws-config"), user);
  });

  test("update replaces only the body, in place, and keeps text after the region", () => {
    const tail = "\n# after the region\r\n[profile later]\nregion = x";
    const start = `${USER}${BEGIN}\n[profile old]\nregion = y\n${END}${tail}`;
    const p = planRegion(F, start, INI, GEN2);
    assert.equal(p.after, `${USER}${BEGIN}\n${GEN2}${END}${tail}`);
    assert.equal(outsideRegion(p.after, "aws-config"), `${USER}${tail.slice(1)}`);
  });

  test("the same content again is not a change", () => {
    const p = planRegion(F, USER, INI, GEN1);
    const again = planRegion(F, p.after, INI, GEN1);
    assert.equal(again.changed, false);
    assert.equal(again.after, p.after);
  });

  test("empty content keeps the markers with an empty body", () => {
    const p = planRegion(F, planRegion(F, USER, INI, GEN1).after, INI, "");
    assert.equal(p.after, `${USER}${BEGIN}\n${END}\n`);
    assert.equal(planRegion(F, p.after, INI, "").changed, false);
  });

  test("content without a final newline is normalised to end with one before END", () => {
    const p = planRegion(F, null, INI, GEN1.trimEnd());
    assert.equal(p.after, `${BEGIN}\n${GEN1}${END}\n`);
  });

  test("an edited BEGIN note and another comment token are still recognised", () => {
    const start = `${USER};   BEGIN aws-sso-sync:aws-config   (hands off)\n[profile old]\nk = v\n;END aws-sso-sync:aws-config\n`;
    const p = planRegion(F, start, INI, GEN2);
    assert.equal(
      p.after,
      `${USER};   BEGIN aws-sso-sync:aws-config   (hands off)\n${GEN2};END aws-sso-sync:aws-config\n`,
    );
  });

  test("two regions share one file; each update leaves the other alone", () => {
    const other: RegionSpec = { name: "granted", comment: "#", format: "ini" };
    const one = planRegion(F, USER, INI, GEN1).after;
    const two = planRegion(F, one, other, "[profile g1]\ngranted_sso_start_url = https://x\n").after;
    const three = planRegion(F, two, INI, GEN2).after;
    assert.ok(
      three.includes("[profile g1]") && three.includes("[profile b]") && !three.includes("[profile a]"),
    );
    assert.equal(outsideRegion(outsideRegion(three, "aws-config"), "granted"), USER);
    assert.equal(outsideRegion(three, "granted"), planRegion(F, USER, INI, GEN2).after);
  });

  test("text format with an HTML comment suffix", () => {
    const html: RegionSpec = { name: "page", comment: "<!--", commentSuffix: " -->", format: "text" };
    const user = "<html>\n<body>\n</body>\n</html>\n";
    const p = planRegion(F, user, html, "<p>hi</p>\n");
    assert.equal(
      p.after,
      `${user}<!-- BEGIN aws-sso-sync:page (managed: edits inside are replaced on every sync) -->\n<p>hi</p>\n<!-- END aws-sso-sync:page -->\n`,
    );
    assert.equal(planRegion(F, p.after, html, "<p>bye</p>\n").after, p.after.replace("hi", "bye"));
  });
});

describe("planRemoveRegion", () => {
  test("removing a region that is not there changes nothing", () => {
    const p = planRemoveRegion(F, USER, "aws-config");
    assert.equal(p.changed, false);
    assert.equal(p.after, USER);
  });

  test("removing a region in the middle takes its lines and nothing else", () => {
    const start = `a = 1\r\n${BEGIN}\r\nx\r\n${END}\r\nb = 2`;
    assert.equal(planRemoveRegion(F, start, "aws-config").after, "a = 1\r\nb = 2");
  });
});
