// Region ownership from the output records: what another config owns, what a refused output leaves
// unrecorded, and that a deleted config owns nothing.
import assert from "node:assert/strict";
import { mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { conflictOf } from "./claims.ts";
import { foreignClaims, loadOutputRecords, saveOutputRecords } from "./outputs.ts";

let dir: string;
let env: Record<string, string>;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "aws-sso-sync-claims-"));
  env = { HOME: dir, AWS_SSO_SYNC_STATE_DIR: join(dir, "state") };
});
after(() => rm(dir, { recursive: true, force: true }));

describe("output claims", () => {
  test("records name their config; another config sees them as claims, its own not", async () => {
    const a = join(dir, "a.yaml");
    const b = join(dir, "b.yaml");
    await writeFile(a, "");
    await writeFile(b, "");
    const file = join(dir, "config");
    await saveOutputRecords(a, [{ name: "aws-config", file, kind: "region" }], env);
    assert.deepEqual(await loadOutputRecords(a, env), [
      { name: "aws-config", file, kind: "region", config: a },
    ]);
    assert.deepEqual(await foreignClaims(a, env), []);
    const claims = await foreignClaims(b, env);
    assert.equal(claims.length, 1);
    // A refused output is not recorded, so the owner never meets a claim of its own taking.
    await saveOutputRecords(
      b,
      [
        { name: "aws-config", file, kind: "region" },
        { name: "vault", file, kind: "region" },
      ],
      env,
    );
    assert.deepEqual(
      (await loadOutputRecords(b, env)).map((r) => r.name),
      ["vault"],
    );
    await rm(a);
    assert.deepEqual(await foreignClaims(b, env), [], "a deleted config owns nothing");
  });

  test("a whole-file claim excludes every other output on that file, also through a link", async () => {
    const page = join(dir, "page.html");
    const link = join(dir, "link.html");
    await writeFile(page, "");
    await symlink(page, link);
    const claims = [{ name: "page", file: page, kind: "file" as const, config: "/x.yaml" }];
    assert.ok(conflictOf({ name: "other", file: link, kind: "region" }, claims));
    assert.equal(conflictOf({ name: "other", file: join(dir, "else"), kind: "region" }, claims), undefined);
    const regions = [{ name: "a", file: page, kind: "region" as const, config: "/x.yaml" }];
    assert.equal(conflictOf({ name: "b", file: page, kind: "region" }, regions), undefined);
    assert.ok(conflictOf({ name: "b", file: page, kind: "file" }, regions));
  });
});
