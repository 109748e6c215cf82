// The rebuild's rules on small files: a whole file costs nothing, a user's section of our name wins, a
// region is never put between a kept header and its keys, CRLF stays CRLF, and unclear markers refuse
// unless `repair` asks.
import assert from "node:assert/strict";
import { test } from "node:test";
import { RegionsUnclearError } from "../errors.ts";
import { planRegion } from "../region.ts";
import { recoverRegions, type RecoverTarget } from "./rebuild.ts";

const BODY = "# Prod (1)\n[profile prod]\nsso_session = s\nregion = eu-west-1\n\n";
const BEGIN = "# BEGIN aws-sso-sync:main (managed: edits inside are replaced on every sync)";
const END = "# END aws-sso-sync:main";
const spec = { name: "main", comment: "#", format: "ini" as const };
const target = (content = BODY, seen = { calls: 0 }): RecoverTarget => ({
  spec,
  content: () => (seen.calls++, content),
});
const plan = (text: string) => planRegion("config", text, spec, BODY).after;

test("a file whose regions are whole is left to the planner and renders nothing", () => {
  const seen = { calls: 0 };
  const text = `[profile mine]\nregion = x\n\n${BEGIN}\n${BODY}${END}\n`;
  assert.equal(recoverRegions("config", text, [target(BODY, seen)], ["main"]), null);
  assert.equal(seen.calls, 0);
});

test("the END line dropped at the end of the file: the region ends after our last section", () => {
  const text = `[profile mine]\nregion = x\n\n${BEGIN}\n# Prod (1)\n[profile prod]\nsso_session  = s\nregion       = eu-west-1\n\n`;
  const r = recoverRegions("config", text, [target()], ["main"]);
  assert.match(r?.notes.get("main") ?? "", /END line was gone/);
  assert.equal(plan(r?.text ?? ""), `[profile mine]\nregion = x\n\n${BEGIN}\n${BODY}${END}\n`);
});

test("a section of our name with a key of the user's is the user's: ours is left out, never twice", () => {
  const user = "[profile prod]\nsso_session = s\ngranted_color = red\n\n";
  const text = `${BEGIN}\n${user}`;
  const r = recoverRegions("config", text, [target()], ["main"]);
  const p = planRegion("config", r?.text ?? "", spec, BODY);
  assert.deepEqual(
    p.dropped.map((d) => d.section),
    ["profile prod"],
  );
  assert.ok(p.after.includes(user));
  assert.equal(p.after.split("[profile prod]").length, 2);
});

test("a section of our name and keys with a value of the user's is the user's too", () => {
  const user = "[profile prod]\nsso_session  = s\nregion       = ap-south-1\n\n";
  const r = recoverRegions("config", `${user}${BEGIN}\n`, [target()], ["main"]);
  const p = planRegion("config", r?.text ?? "", spec, BODY);
  assert.deepEqual(
    p.dropped.map((d) => d.section),
    ["profile prod"],
  );
  assert.ok(p.after.startsWith(user));
});

test("a region is never put between a kept section's header and its keys", () => {
  const text = `[profile mine]\n${BEGIN}\nregion = x\n\n[profile prod]\nsso_session = s\n`;
  const r = recoverRegions("config", text, [target()], ["main"]);
  assert.equal(r?.text, `[profile mine]\nregion = x\n${BEGIN}\n${END}\n\n`);
});

test("a region written last time and gone without a trace is written anew at the end, CRLF kept", () => {
  const text = "[profile mine]\r\nregion = x\r\n";
  const r = recoverRegions("config", text, [target()], ["main"]);
  assert.match(r?.notes.get("main") ?? "", /both its marker lines were gone/);
  assert.equal(r?.text, `${text}${BEGIN}\r\n${END}\r\n`);
});

test("markers no output can recognise refuse the file unless repair asks; repair keeps every section", () => {
  const text = `# BEGIN aws-sso-sync:old (managed)\n[profile gone]\nregion = x\n`;
  assert.throws(
    () => recoverRegions("config", text, [target()], []),
    (e: unknown) => e instanceof RegionsUnclearError && /repair --dry-run/.test(e.hint ?? ""),
  );
  const r = recoverRegions("config", text, [target()], [], true);
  assert.deepEqual(r?.stripped, ["old"]);
  assert.equal(r?.text, "[profile gone]\nregion = x\n");
});
