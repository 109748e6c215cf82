// ARCHITECTURE.md is the map a new maintainer reads first: every folder of the source tree has a row, and
// every `src/…` path it names exists. A moved or new folder without a row fails here.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { PACKAGE_ROOT } from "../../src/core/package-files.ts";

const doc = readFileSync(join(PACKAGE_ROOT, "ARCHITECTURE.md"), "utf8");

function folders(rel: string): string[] {
  return readdirSync(join(PACKAGE_ROOT, rel))
    .filter((name) => statSync(join(PACKAGE_ROOT, rel, name)).isDirectory())
    .map((name) => `${rel}/${name}/`);
}

test("ARCHITECTURE.md has a row for every folder of src/ and src/core/", () => {
  const rows = new Set([...doc.matchAll(/^\| `([^`]+)`/gm)].map((m) => m[1]));
  const wanted = [
    ...folders("src").filter((f) => f !== "src/core/" && f !== "src/renderers/"),
    ...folders("src/core"),
  ];
  const missing = wanted.filter((f) => !rows.has(f));
  assert.deepEqual(missing, [], `add a row for each to the table in ARCHITECTURE.md`);
  assert.ok(rows.has("src/renderers/<id>/"), "the renderer folder row");
});

test("every src/ path ARCHITECTURE.md names exists", () => {
  const named = [...doc.matchAll(/`(src\/[^`<>*]+)`/g)].map((m) => m[1] ?? "");
  assert.ok(named.length >= 10, `expected the table to name the folders, found ${named.length}`);
  const dead = named.filter((p) => !existsSync(join(PACKAGE_ROOT, p)));
  assert.deepEqual(dead, [], "ARCHITECTURE.md names paths that do not exist");
});

test("the files a row names inside its folder exist there", () => {
  const dead: string[] = [];
  for (const [, folder = "", text = ""] of doc.matchAll(/^\| `(src\/[\w/]+\/)`[^|]*\|(.*)\|$/gm)) {
    for (const [, file = ""] of text.matchAll(/`([\w/-]+\.ts)`/g)) {
      if (!existsSync(join(PACKAGE_ROOT, folder, file)) && !existsSync(join(PACKAGE_ROOT, file)))
        dead.push(`${folder}${file}`);
    }
  }
  assert.deepEqual(dead, []);
});
