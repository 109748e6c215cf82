// ARCHITECTURE.md is the map a new maintainer reads first: every folder of the source tree has a row, and
// every `src/…` path it names exists. A moved or new folder without a row fails here. The layering it draws
// holds too: the core imports no renderer or command, and nothing but the daemon imports daemon/.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, posix } from "node:path";
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

/** Every relative import (static or dynamic) of every .ts file below `rel`, resolved to a path from the root. */
function importsBelow(rel: string): Array<{ file: string; target: string }> {
  const out: Array<{ file: string; target: string }> = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(join(PACKAGE_ROOT, dir))) {
      const p = `${dir}/${name}`;
      if (statSync(join(PACKAGE_ROOT, p)).isDirectory()) walk(p);
      else if (name.endsWith(".ts") && !name.endsWith(".test.ts")) {
        const text = readFileSync(join(PACKAGE_ROOT, p), "utf8");
        for (const [, spec = ""] of text.matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+)"/g))
          out.push({ file: p, target: posix.join(posix.dirname(p), spec) });
      }
    }
  };
  walk(rel);
  return out;
}

test("the core names no plugin or command, and only the daemon reaches into daemon/ (issue 12, 1 and 2)", () => {
  const edges = importsBelow("src/core");
  assert.ok(edges.length > 100, `expected the core's imports, found ${edges.length}`);
  const wrong = edges.filter(
    ({ file, target }) =>
      target.startsWith("src/renderers/") ||
      target.startsWith("src/cli/") ||
      (target.startsWith("src/core/daemon/") && !file.startsWith("src/core/daemon/")),
  );
  assert.deepEqual(
    wrong.map((e) => `${e.file} → ${e.target}`),
    [],
    "the registry is passed in from src/cli; the pipeline and the lock do not depend on the daemon",
  );
});
