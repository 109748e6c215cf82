// Property: for any user file (random sections, keys, comments, blank lines, LF/CRLF mix, with or without a
// final newline, with or without our region and another output's region), syncing random content, then
// other content, then empty content leaves every byte outside our region as it was; the file always has
// exactly one region of ours; syncing the same content again writes nothing; removing the region gives the
// user's bytes back. Every INI result is then loaded by the real botocore.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import {
  applyPlan,
  iniSections,
  outsideRegion,
  planRegion,
  planRemoveRegion,
  readIfExists,
  sectionId,
  type RegionSpec,
} from "./index.ts";
import { splitLines } from "./lines.ts";

const NAME = "aws-config";
const eol = fc.constantFrom("\n", "\r\n");
const value = fc.string({ maxLength: 12 }).filter((s) => !/[\r\n]/.test(s) && !s.includes("aws-sso-sync"));
// Generated values follow the renderers' rules (docs/internals/consumers.md 2): non-empty, no " #" or " ;"
// (the JS SDK reads those as comments). User values can be anything.
const genValue = value.map((v) => `v${v}`).filter((v) => !/\s[#;]/.test(v));
const comment = fc.constantFrom("# c", "; note", "#", "   # indented", "# [profile p1] is mine", "");

// A section: header plus unique keys mixed with comments and blank lines.
const section = (headers: string[], values: fc.Arbitrary<string>) =>
  fc
    .tuple(fc.constantFrom(...headers), fc.array(fc.oneof(fc.nat(6), comment), { maxLength: 5 }), values)
    .map(([h, items, v]) => {
      const seen = new Set<number>();
      const body = items.flatMap((it) =>
        typeof it === "string" ? [it] : seen.has(it) ? [] : (seen.add(it), [`k${it} = ${v}${it}`]),
      );
      return [`[${h}]`, ...body];
    });
const sections = (headers: string[], max: number, values = value) =>
  fc.array(section(headers, values), { maxLength: max }).map((ss) => {
    const ids = new Set<string>();
    return ss.filter(
      (s) => !ids.has(sectionId((s[0] ?? "").slice(1, -1))) && ids.add(sectionId((s[0] ?? "").slice(1, -1))),
    );
  });

const USER_HEADERS = [
  "profile p0",
  "profile p3",
  "profile p7",
  "profile mine",
  "default",
  "sso-session s0",
  "plugins",
  "services svc",
];
const GEN_HEADERS = [
  "profile p0",
  "profile p1",
  "profile p2",
  "profile p3",
  "profile default",
  "sso-session s0",
  "sso-session s1",
];

const genIni = fc
  .tuple(fc.option(comment), sections(GEN_HEADERS, 6, genValue), eol, fc.boolean())
  .map(([pre, ss, e, final]) => {
    const text = [...(pre === null ? [] : [pre]), ...ss.flat()].join(e);
    return final && text !== "" ? text + e : text;
  });
const genText = fc.array(value, { maxLength: 6 }).map((ls) => ls.join("\n"));

interface UserFile {
  text: string | null;
  /** Bytes before our BEGIN line and after our END line's text, when the file already has our region. */
  pre: string;
  post: string;
  own: boolean;
  /** Another output's region, which must survive untouched. */
  other: string | null;
}

const userFile = fc
  .record({
    exists: fc.constantFrom(true, true, true, false),
    preamble: fc.array(comment, { maxLength: 2 }),
    ss: sections(USER_HEADERS, 5).filter((ss) => ss.length > 0),
    own: fc.option(fc.tuple(fc.nat(5), genIni, fc.constantFrom("#", ";"))),
    other: fc.option(fc.nat(5)),
    eols: fc.array(eol, { minLength: 80, maxLength: 80 }),
    final: fc.boolean(),
  })
  .map(({ exists, preamble, ss, own, other, eols, final }): UserFile => {
    if (!exists) return { text: null, pre: "", post: "", own: false, other: null };
    const blocks: string[][] = [preamble, ...ss];
    const region = (name: string, c: string, body: string[]) => [
      `${c} BEGIN aws-sso-sync:${name}`,
      ...body,
      `${c} END aws-sso-sync:${name}`,
    ];
    const otherLines = region("granted", "#", ["[profile o1]", "granted_sso_region = x"]);
    // Regions go before a section header or at the end, where botocore cannot glue keys across them.
    if (other !== null) blocks.splice(Math.min(1 + other, blocks.length), 0, otherLines);
    if (own)
      blocks.splice(
        Math.min(1 + own[0], blocks.length),
        0,
        region(
          NAME,
          own[2],
          splitLines(own[1]).map((l) => l.text),
        ),
      );
    const lines = blocks
      .flat()
      .map((t, i): { text: string; eol: string } => ({ text: t, eol: eols[i] ?? "\n" }));
    const last = lines.at(-1);
    if (last && !final) last.eol = "";
    const join = (ls: typeof lines) => ls.map((l) => l.text + l.eol).join("");
    const b = lines.findIndex((l) => l.text.includes(`BEGIN aws-sso-sync:${NAME}`));
    const e = lines.findIndex((l) => l.text.includes(`END aws-sso-sync:${NAME}`));
    const o = lines.findIndex((l) => l.text.includes("BEGIN aws-sso-sync:granted"));
    const otherText = o < 0 ? null : join(lines.slice(o, o + otherLines.length)).replace(/(\r\n|\n)$/, "");
    if (b < 0) return { text: join(lines), pre: join(lines), post: "", own: false, other: otherText };
    const post = (lines[e]?.eol ?? "") + join(lines.slice(e + 1));
    return { text: join(lines), pre: join(lines.slice(0, b)), post, own: true, other: otherText };
  });

let dir = "";
const written: string[] = [];
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "files-prop-"));
  Object.assign(process.env, {
    HOME: dir,
    XDG_CONFIG_HOME: join(dir, ".config"),
    XDG_STATE_HOME: join(dir, ".state"),
  });
});
after(() => rm(dir, { recursive: true, force: true }));

let run = 0;
// How often the interesting cases came up: the property must not pass by never meeting them.
const seen = { dropped: 0, own: 0, other: 0, noFinalBreak: 0, crlf: 0 };
async function check(user: UserFile, spec: RegionSpec, contents: string[]): Promise<void> {
  const file = join(dir, `config-${run++}`);
  const backupDir = join(dir, "backups");
  if (user.text !== null) await writeFile(file, user.text);
  const base = user.text === null ? "" : outsideRegion(user.text, NAME);
  if (user.own) seen.own++;
  if (user.other !== null) seen.other++;
  if (user.text && !/[\r\n]$/.test(user.text)) seen.noFinalBreak++;
  if (user.text?.includes("\r\n")) seen.crlf++;
  if (!user.own) assert.equal(base, user.text ?? "");
  let disk = user.text;
  for (const content of contents) {
    const plan = planRegion(file, disk, spec, content);
    assert.equal(await applyPlan(plan, { backupDir }), plan.changed ? "written" : "unchanged");
    const now = await readFile(file, "utf8");
    assert.equal(now, plan.after);
    // Outside bytes, checked directly on the text we built, then through the removal rule.
    assert.ok(now.startsWith(user.pre) && now.endsWith(user.post));
    assert.match(now.slice(user.pre.length), /^(\r?\n)?[#;] BEGIN aws-sso-sync:aws-config/);
    if (user.other !== null) assert.ok(now.includes(user.other));
    assert.equal(outsideRegion(now, NAME), base);
    assert.equal(now.split(`BEGIN aws-sso-sync:${NAME}`).length, 2);
    assert.equal(now.split(`END aws-sso-sync:${NAME}`).length, 2);
    if (spec.format === "ini") {
      // The region holds exactly the generated sections the user does not define; the rest are reported.
      const userIds = new Set(iniSections(base).map((s) => sectionId(s.header)));
      const region = now.slice(user.pre.length, now.length - user.post.length);
      const expected = iniSections(content)
        .map((s) => sectionId(s.header))
        .filter((id) => !userIds.has(id));
      assert.deepEqual(
        iniSections(region).map((s) => sectionId(s.header)),
        expected,
      );
      for (const d of plan.dropped) {
        const at = splitLines(disk ?? "")[d.userLine - 1]?.text.trim() ?? "";
        assert.equal(sectionId(at.slice(1, -1)), sectionId(d.section), `${d.section} at line ${d.userLine}`);
      }
      seen.dropped += plan.dropped.length;
      written.push(now);
    }
    disk = now;
  }
  // Same content again: nothing written, mtime untouched.
  const old = new Date("2021-06-07T08:09:10Z");
  await utimes(file, old, old);
  const again = planRegion(file, await readIfExists(file), spec, contents.at(-1) ?? "");
  assert.equal(again.changed, false);
  assert.equal(await applyPlan(again, { backupDir }), "unchanged");
  assert.equal((await stat(file)).mtime.getTime(), old.getTime());
  assert.equal(planRemoveRegion(file, disk, NAME).after, base);
}

test("outside bytes survive create, update, empty content and removal", async () => {
  await fc.assert(
    fc.asyncProperty(
      userFile,
      fc.constantFrom<"ini" | "text">("ini", "text"),
      genIni,
      genIni,
      genText,
      async (user, format, c1, c2, t) => {
        const spec: RegionSpec = { name: NAME, comment: "#", format };
        await check(user, spec, format === "ini" ? [c1, c2, ""] : [t, c1, ""]);
      },
    ),
    { numRuns: 60 },
  );
  assert.ok(written.length > 50);
  for (const [what, n] of Object.entries(seen)) assert.ok(n >= 3, `only ${n} runs with ${what}`);
});

test("every INI file written above loads in botocore", () => {
  const paths = written.map((_, i) => join(dir, `loaded-${i}`));
  return Promise.all(written.map((t, i) => writeFile(paths[i] ?? "", t))).then(() => {
    const py =
      "import json,sys\nimport botocore.configloader as c\nfor p in json.load(sys.stdin):\n  c.raw_config_parse(p)\nprint('ok')";
    const r = spawnSync("python3", ["-c", py], {
      input: JSON.stringify(paths),
      encoding: "utf8",
      env: { ...process.env, PYTHONUTF8: "1" },
    });
    assert.equal(r.stderr, "");
    assert.equal(r.stdout.trim(), "ok");
  });
});
