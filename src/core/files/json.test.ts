// readJson / writeJson on a real disk: the three outcomes of a read, the reason naming the file, the
// round trip, and a value that does not fit its schema never written.
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { z } from "zod";
import { readJson, writeJson } from "./json.ts";

const Point = z.object({ x: z.number(), tags: z.array(z.string()) });
const what = "the test file";
let dir = "";
before(async () => (dir = await mkdtemp(join(tmpdir(), "json-file-"))));
after(() => rm(dir, { recursive: true, force: true }));

test("a missing file is missing, not invalid", async () => {
  assert.deepEqual(await readJson(join(dir, "none.json"), Point, { what }), { kind: "missing" });
});

test("written then read: the same value; the folder is made 0700 and the file is 0600", async () => {
  const file = join(dir, "new", "p.json");
  await writeJson(file, Point, { x: 1, tags: ["a"] }, { what });
  assert.deepEqual(await readJson(file, Point, { what }), { kind: "ok", value: { x: 1, tags: ["a"] } });
  assert.equal((await stat(file)).mode & 0o777, 0o600);
  assert.equal((await stat(join(dir, "new"))).mode & 0o777, 0o700);
  assert.equal(await readFile(file, "utf8"), '{\n  "x": 1,\n  "tags": [\n    "a"\n  ]\n}\n');
  await writeJson(file, Point, { x: 2, tags: [] }, { what, compact: true });
  assert.equal(await readFile(file, "utf8"), '{"x":2,"tags":[]}\n');
});

test("not JSON, or the wrong shape: invalid, with the file and the dotted path of the problem", async () => {
  const file = join(dir, "bad.json");
  await writeFile(file, "{ truncated");
  const broken = await readJson(file, Point, { what });
  assert.equal(broken.kind, "invalid");
  assert.equal(
    broken.kind === "invalid" && broken.reason,
    `the test file ${file} is not usable: not valid JSON`,
  );
  await writeFile(file, JSON.stringify({ tags: ["a", 2] }));
  const missing = await readJson(file, Point, { what });
  assert.match(missing.kind === "invalid" ? missing.problem : "", /^x: missing; tags\.1: .*expected string/);
  await writeFile(file, JSON.stringify({ x: "1", tags: ["a", 2] }));
  const shape = await readJson(file, Point, { what });
  assert.equal(shape.kind, "invalid");
  const reason = shape.kind === "invalid" ? shape.reason : "";
  assert.ok(reason.startsWith(`the test file ${file} is not usable: `), reason);
  assert.match(reason, /x: .*expected number/);
  assert.match(reason, /tags\.1: .*expected string/);
});

test("a folder in the file's place is invalid (cannot read it), never a throw", async () => {
  const file = join(dir, "folder.json");
  await mkdir(file);
  const r = await readJson(file, Point, { what });
  assert.equal(r.kind === "invalid" && r.problem, "cannot read it (EISDIR)");
});

test("a value that does not fit its schema is refused and the old file stays", async () => {
  const file = join(dir, "keep.json");
  await writeJson(file, Point, { x: 1, tags: [] }, { what });
  const wrong = { x: Number.NaN, tags: [] };
  await assert.rejects(writeJson(file, Point, wrong, { what }), z.ZodError);
  assert.deepEqual(await readJson(file, Point, { what }), { kind: "ok", value: { x: 1, tags: [] } });
});
