// The repository stands alone: a comment or doc may cite only notes that ship with it. Protocol and format
// facts live in docs/internals/<topic>.md (indexed in docs/internals/README.md); a citation of a reference
// outside the tree, of a note that does not exist, or of a section a note does not have is a dead link.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { test } from "node:test";
import { PACKAGE_ROOT } from "../../src/core/package-files.ts";

const FOLDERS = ["src", "test", "bench", "scripts", "templates", "docs"];
const INTERNALS = join(PACKAGE_ROOT, "docs", "internals");
// Built from parts so that this file does not cite them itself.
const OUTSIDE = ["idc-api", "output-formats", "coexistence", "peers"];
const OUTSIDE_RE = new RegExp(`(?<![\\w-])(?:${OUTSIDE.join("|")})\\.md\\b`, "g");
const SHARED = ["", "work", "shared", ""].join("/");
// A note path, optionally followed by section numbers: `2`, `3.4`, `2-4`, `2, 6`.
const NUM = String.raw`\d+(?:\.\d+)?`;
const CITE_RE = new RegExp(
  String.raw`docs/internals/([\w.-]+?\.md)(?: (${NUM}(?:(?:-|–|, )${NUM})*)\b)?`,
  "g",
);

function walk(dir: string, out: string[]): string[] {
  for (const name of readdirSync(dir)) {
    if (name === "node_modules" || name.startsWith(".")) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

function sources(): Array<{ file: string; text: string }> {
  const files = FOLDERS.filter((f) => existsSync(join(PACKAGE_ROOT, f))).flatMap((f) =>
    walk(join(PACKAGE_ROOT, f), []),
  );
  for (const name of readdirSync(PACKAGE_ROOT))
    if (name.endsWith(".md")) files.push(join(PACKAGE_ROOT, name));
  return files
    .map((file) => ({ file: relative(PACKAGE_ROOT, file), text: readFileSync(file, "utf8") }))
    .filter(({ text }) => !text.includes("\0"));
}

const lineOf = (text: string, index: number): number => text.slice(0, index).split("\n").length;

/** Section numbers a note offers: headings `## 2.` / `### 3.4`, and table rows that start `| 3.4 |`. */
const SECTION_RE = /^(?:#{2,4} |\| )(\d+(?:\.\d+)?)[.\s]/gm;
function sectionsOf(note: string): Set<string> {
  const text = readFileSync(join(INTERNALS, note), "utf8");
  return new Set([...text.matchAll(SECTION_RE)].map((m) => m[1] as string));
}

test("nothing cites a reference that is not in the repository", () => {
  const hits: string[] = [];
  for (const { file, text } of sources()) {
    for (const m of text.matchAll(OUTSIDE_RE)) hits.push(`${file}:${lineOf(text, m.index)}: ${m[0]}`);
    let i = text.indexOf(SHARED);
    for (; i !== -1; i = text.indexOf(SHARED, i + 1)) hits.push(`${file}:${lineOf(text, i)}: ${SHARED}`);
  }
  assert.deepEqual(hits, [], "cite the note under docs/internals/ that holds the fact instead");
});

test("every cited docs/internals note and section exists", () => {
  const dead: string[] = [];
  const sections = new Map<string, Set<string>>();
  for (const { file, text } of sources()) {
    for (const m of text.matchAll(CITE_RE)) {
      const [, note = "", nums] = m;
      const where = `${file}:${lineOf(text, m.index)}: ${m[0]}`;
      if (!existsSync(join(INTERNALS, note))) {
        dead.push(`${where} (no such note)`);
        continue;
      }
      if (!sections.has(note)) sections.set(note, sectionsOf(note));
      for (const n of nums?.split(/-|–|, /) ?? []) {
        if (!sections.get(note)?.has(n)) dead.push(`${where} (no section ${n})`);
      }
    }
  }
  assert.deepEqual(dead, []);
});

test("docs/internals/README.md lists every note, and every note it lists exists", () => {
  const index = readFileSync(join(INTERNALS, "README.md"), "utf8");
  const listed = new Set([...index.matchAll(/\]\(([\w.-]+\.md)\)/g)].map((m) => m[1] as string));
  const notes = readdirSync(INTERNALS).filter((n) => n.endsWith(".md") && n !== "README.md");
  assert.deepEqual(
    notes.filter((n) => !listed.has(n)),
    [],
    "add a line to docs/internals/README.md",
  );
  assert.deepEqual(
    [...listed].filter((n) => !notes.includes(n)),
    [],
  );
});
