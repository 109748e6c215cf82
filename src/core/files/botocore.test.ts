// checkIniStrict, iniSections and shlexSplit against the real thing: botocore's configloader and Python's
// shlex, run once per batch in a python3 process (python3-botocore is installed). Hand-picked files first,
// then a few hundred generated ones that mix every construct the two parsers treat specially.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { checkIniStrict, iniSections } from "./index.ts";
import { scanIni } from "./ini-scan.ts";
import { shlexSplit } from "./shlex.ts";

const PY = String.raw`
import json, sys, shlex
import botocore.configloader as c
req = json.load(sys.stdin)
out = {"files": [], "shlex": []}
for p in req["files"]:
    try:
        m = c.build_profile_map(c.raw_config_parse(p))
        out["files"].append({"ok": True, "profiles": sorted(m["profiles"]), "sessions": sorted(m["sso_sessions"]), "services": sorted(m["services"])})
    except Exception as ex:
        err = getattr(ex, "kwargs", {}).get("error", ex)
        lines = [err.lineno] if hasattr(err, "lineno") else [n for n, _ in getattr(err, "errors", [])]
        out["files"].append({"ok": False, "type": type(err).__name__, "lines": lines})
for s in req["shlex"]:
    try:
        out["shlex"].append(shlex.split(s))
    except ValueError:
        out["shlex"].append(None)
print(json.dumps(out))
`;

type PyFile =
  | { ok: true; profiles: string[]; sessions: string[]; services: string[] }
  | { ok: false; type: string; lines: number[] };

function python(
  texts: string[],
  shlexInputs: string[] = [],
): { files: PyFile[]; shlex: (string[] | null)[] } {
  const dir = mkdtempSync(join(tmpdir(), "botocore-"));
  try {
    const files = texts.map((t, i) => {
      const p = join(dir, `config${i}`);
      writeFileSync(p, t);
      return p;
    });
    const r = spawnSync("python3", ["-c", PY], {
      input: JSON.stringify({ files, shlex: shlexInputs }),
      env: { ...process.env, PYTHONUTF8: "1" },
      encoding: "utf8",
      maxBuffer: 64 << 20,
    });
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout) as { files: PyFile[]; shlex: (string[] | null)[] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// What botocore must say if our scanner is right: it stops at the first fatal error (duplicate, text
// before any section), else reports every unparsable line at once, else fails on a nested value.
function expected(text: string): PyFile {
  const problems = scanIni(text).problems;
  const fatal = problems.find((p) => p.type !== "syntax" && p.type !== "nested");
  const names = {
    "duplicate-section": "DuplicateSectionError",
    "duplicate-key": "DuplicateOptionError",
    "no-section": "MissingSectionHeaderError",
  };
  if (fatal) return { ok: false, type: names[fatal.type as keyof typeof names], lines: [fatal.line] };
  const syntax = problems.filter((p) => p.type === "syntax").map((p) => p.line);
  if (syntax.length > 0) return { ok: false, type: "ParsingError", lines: [...new Set(syntax)] };
  if (problems.length > 0) return { ok: false, type: "ValueError", lines: [] };
  const of = (kinds: string[]) =>
    [
      ...new Set(
        iniSections(text)
          .filter((s) => kinds.includes(s.kind))
          .map((s) => s.name),
      ),
    ].sort();
  return {
    ok: true,
    profiles: of(["profile", "default"]),
    sessions: of(["sso-session"]),
    services: of(["services"]),
  };
}

const HAND_PICKED: string[] = [
  "[profile a]\nregion = x\n",
  "[profile a]\nregion = x\n[profile a]\nregion = y\n",
  "[profile a]\nregion = x\nRegion = y\n",
  "[profile a]\nregion = x\nregion: y\n",
  "region = x\n[profile a]\n",
  "# only a comment\n\n",
  "",
  "[profile a]\nnot a key value line\n",
  "[profile a]\nregion = x\n  continued line\n",
  "[profile a]\ns3 =\n  addressing_style = path\n",
  "[profile a]\ns3 =\n  broken nested\n",
  "[DEFAULT]\nx = 1\n[DEFAULT]\ny = 2\n[profile a]\n",
  "[DEFAULT]\nx = 1\n[DEFAULT]\nx = 2\n",
  '[profile "a b"]\nregion = x\n[profile a b]\nregion = y\n[profilex q]\nk = v\n',
  "[default]\nregion = x\n[profile default]\nregion = y\n",
  "[profile a]\r\nregion = x\r\n[profile a]\r\n",
  "[profile a]\rregion = x\r[profile b]\rk = v",
  "\ufeff[default]\nregion = x\n",
  "[profile a]\n= x\n",
  "   [profile a]\n   k = v\n",
  "[profile a] trailing\nk = v\n",
  "[a]b]\nk = v\n[a]b]\n",
  "[sso-session s]\nsso_start_url = https://x/start#/\n[services dev]\ns3 =\n  endpoint_url = http://127.0.0.1\n",
  "[profile a]\n\tk = v\n\t# comment\n\n  still continued\n",
];

test("checkIniStrict and iniSections agree with botocore on hand-picked files", () => {
  const py = python(HAND_PICKED);
  HAND_PICKED.forEach((text, i) => {
    assert.deepEqual(expected(text), py.files[i], `file ${i}: ${JSON.stringify(text)}`);
    assert.equal(checkIniStrict(text).length === 0, py.files[i]?.ok, JSON.stringify(text));
  });
  // The examples must cover both verdicts, or this test proves nothing.
  assert.ok(py.files.some((f) => f.ok) && py.files.some((f) => !f.ok));
});

const FRAGMENTS = [
  "[profile a]",
  "[profile b]",
  '[profile "a b"]',
  "[profile a b]",
  "[default]",
  "[DEFAULT]",
  "[sso-session s]",
  "[services x]",
  "[profilex y]",
  "[ profile a]",
  "[profile 'q]",
  "[plugins]",
  "[profile a] # c",
  "[a]b]",
  "[]",
  "k = v",
  "K = v",
  "k: v",
  "k=v",
  "region = eu-west-1",
  " k = v",
  "  n = 1",
  "  junk",
  "s3 =",
  "= v",
  ": v",
  "k",
  "a:b = c",
  "# c",
  "; c",
  "   # indented",
  "",
  "   ",
  "\t",
  "\u00a0k = v",
  "\ufeff[default]",
  "k\u001c= v",
];

test("checkIniStrict and iniSections agree with botocore on generated files", () => {
  const seed = Date.now();
  const arb = fc
    .tuple(
      fc.array(fc.tuple(fc.constantFrom(...FRAGMENTS), fc.constantFrom("\n", "\r\n", "\r")), {
        maxLength: 12,
      }),
      fc.boolean(),
    )
    .map(([lines, finalBreak]) => {
      const s = lines.map(([t, e]) => t + e).join("");
      return finalBreak ? s : s.replace(/(\r\n|\r|\n)$/, "");
    });
  const samples = fc.sample(arb, { numRuns: 400, seed });
  const py = python(samples);
  samples.forEach((text, i) => {
    assert.deepEqual(expected(text), py.files[i], `seed ${seed}, sample ${JSON.stringify(text)}`);
  });
  const ok = py.files.filter((f) => f.ok).length;
  assert.ok(ok > 20 && ok < 380, `both verdicts should occur (ok: ${ok}/400)`);
});

test("shlexSplit agrees with Python's shlex.split", () => {
  const seed = Date.now();
  const chars = fc.constantFrom("a", "b", " ", "\t", '"', "'", "\\", "x");
  const inputs = [
    ...fc.sample(
      fc.array(chars, { maxLength: 10 }).map((a) => a.join("")),
      { numRuns: 400, seed },
    ),
    'profile "a b"',
    "profile 'a'",
    'profile "a\\"b"',
    "profile a\\ b",
    'profile ""',
    "profile",
    "",
  ];
  const py = python([], inputs);
  inputs.forEach((s, i) => {
    let mine: string[] | null;
    try {
      mine = shlexSplit(s);
    } catch {
      mine = null;
    }
    assert.deepEqual(mine, py.shlex[i], `seed ${seed}, input ${JSON.stringify(s)}`);
  });
});
