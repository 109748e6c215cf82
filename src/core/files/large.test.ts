// Large files plan to exactly the bytes the line-by-line planner produced before it was made linear: every
// figure below (sha256 and length of the result, what was dropped, the messages) was recorded from that
// planner (commit b0a1065) on these same generated files, 20,000 user profiles (about 2 MB) each.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { test } from "node:test";
import {
  checkIniJs,
  checkIniStrict,
  iniSections,
  planRegion,
  planRemoveRegion,
  type RegionSpec,
} from "./index.ts";
import { jsVisibleExpected } from "./ini.ts";
import { userConfig } from "../../../bench/large-config.ts";

const SPEC: RegionSpec = { name: "aws-config", comment: "#", format: "ini" };
const OTHER: RegionSpec = { name: "granted", comment: ";", format: "ini" };
const sha = (s: string): string => createHash("sha256").update(s).digest("hex").slice(0, 16);

/** What the renderer writes: `n` SSO profiles, `from` the first index. */
function generated(n: number, from = 0, eol = "\n"): string {
  const out: string[] = [`[sso-session acme]${eol}sso_start_url = https://d-1.awsapps.com/start${eol}`];
  for (let i = from; i < from + n; i++)
    out.push(
      `${eol}[profile gen-${i}]${eol}sso_session = acme${eol}sso_account_id = ${200000000000 + i}${eol}sso_role_name = Admin${eol}`,
    );
  return out.join("");
}

function summary(run: () => { after: string; changed: boolean; dropped: unknown[] }): string {
  try {
    const p = run();
    return `${sha(p.after)} ${p.after.length} ${p.changed} ${JSON.stringify(p.dropped).length} ${sha(JSON.stringify(p.dropped))}`;
  } catch (err) {
    return `throws ${sha((err as Error).message)} ${(err as Error).message.slice(0, 80)}`;
  }
}

const USER = userConfig(20_000);
const CRLF_NO_FINAL = USER.replace(/\n/g, "\r\n").replace(/\r\n$/, "");
const withRegion = planRegion("/c", USER, SPEC, generated(500)).after;
// Our region in the middle, another output's region after it, the user's text around both.
const tail = Array.from({ length: 5000 }, (_, i) => `[profile tail-${i}]\nregion = eu-west-1\n# note\n`).join(
  "",
);
const middle = `${withRegion}\n${tail}`;
const twoRegions = planRegion("/c", middle, OTHER, "[profile other-1]\nregion = x\n").after;
const mine = USER.replace("[profile user-000123]", "[profile gen-7]");

const cases: Record<string, () => { after: string; changed: boolean; dropped: unknown[] }> = {
  "new region, LF": () => planRegion("/c", USER, SPEC, generated(1000)),
  "new region, CRLF, no final break": () => planRegion("/c", CRLF_NO_FINAL, SPEC, generated(1000, 0, "\r\n")),
  "same content again": () => planRegion("/c", withRegion, SPEC, generated(500)),
  "changed region in the middle": () => planRegion("/c", twoRegions, SPEC, generated(503, 3)),
  "emptied region": () => planRegion("/c", twoRegions, SPEC, ""),
  "user defines a generated profile": () => planRegion("/c", mine, SPEC, generated(1000)),
  "removed region": () => planRemoveRegion("/c", twoRegions, SPEC.name),
  "broken user part": () => planRegion("/c", `${USER}[profile user-000042]\nx = 1\n`, SPEC, generated(10)),
  "collides with another output": () => planRegion("/c", twoRegions, SPEC, "[profile other-1]\nregion = y\n"),
};

const EXPECTED: Record<string, string> = {
  "new region, LF": "6a4a3046bd6df938 1998130 true 2 4f53cda18c2baa0c",
  "new region, CRLF, no final break": "80e2e3cc0cd7b937 2085137 true 2 4f53cda18c2baa0c",
  "same content again": "ab77169acf751f13 1953130 false 2 4f53cda18c2baa0c",
  "changed region in the middle": "2fd542c776da4727 2182433 true 2 4f53cda18c2baa0c",
  "emptied region": "20243280aad9cd31 2137202 true 2 4f53cda18c2baa0c",
  "user defines a generated profile": "5c0434646a8aa985 1998036 true 44 b1b384923918f0ee",
  "removed region": "e5ea80c673ffa5c4 2137089 true 2 4f53cda18c2baa0c",
  "broken user part":
    "throws ef2e4276d4571f06 /c: the result would not load cleanly in botocore; nothing written:\n  line 82006",
  "collides with another output":
    "throws 8cf5ce237a862984 /c: outputs collide on section names; nothing written:\n  [profile other-1]: outp",
};

test("a 20,000-profile file plans to the same bytes as before", () => {
  const got = Object.fromEntries(Object.entries(cases).map(([k, run]) => [k, summary(run)]));
  assert.deepEqual(got, EXPECTED);
});

test("a 20,000-profile file: the botocore and JS SDK views are the ones recorded", async () => {
  const planned = planRegion("/c", twoRegions, SPEC, `${generated(50)}\n[profile gen-empty]\nfoo =\n`).after;
  const sections = iniSections(planned);
  const expected = jsVisibleExpected(planned);
  const got = {
    sections: `${sections.length} ${sha(JSON.stringify(sections))}`,
    strict: checkIniStrict(`${planned}[profile gen-3]\n`),
    js: await checkIniJs(planned, expected),
    expected: `${expected.length} ${sha(expected.join("\n"))}`,
  };
  assert.deepEqual(got, {
    sections: "25054 8268194c02311682",
    strict: ["line 97268: duplicate section [profile gen-3] (first at line 82025)"],
    js: ["the JS SDK does not see [profile gen-empty] when it loads the file"],
    expected: "25054 f40de615f3d1f5df",
  });
});
