import { describe, test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { closest, editDistance, suggestFix } from "./suggest.ts";

describe("editDistance", () => {
  test("counts inserts, deletes, substitutions and adjacent swaps", () => {
    assert.equal(editDistance("", ""), 0);
    assert.equal(editDistance("abc", ""), 3);
    assert.equal(editDistance("", "abc"), 3);
    assert.equal(editDistance("kitten", "sitting"), 3);
    assert.equal(editDistance("pcke", "pkce"), 1);
    assert.equal(editDistance("flaw", "lawn"), 2);
  });

  test("is symmetric, zero only for equal strings, and bounded by the lengths", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        const d = editDistance(a, b);
        assert.equal(d, editDistance(b, a));
        assert.equal(d === 0, a === b);
        assert.ok(d >= Math.abs(a.length - b.length));
        assert.ok(d <= Math.max(a.length, b.length));
      }),
    );
  });

  test("one edit anywhere gives distance 1", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 12 }),
        fc.nat(),
        fc.string({ minLength: 1, maxLength: 1 }),
        (word, at, ch) => {
          const i = at % word.length;
          const replaced = word.slice(0, i) + ch + word.slice(i + 1);
          assert.equal(editDistance(word, replaced), replaced === word ? 0 : 1);
          assert.equal(editDistance(word, word.slice(0, i) + word.slice(i + 1)), 1);
        },
      ),
    );
  });
});

describe("closest", () => {
  const keys = ["name", "startUrl", "region", "scopes", "flow", "defaultRegion", "accounts", "roles"];

  test("finds typos, case slips and swapped letters", () => {
    assert.equal(closest("startURL", keys), "startUrl");
    assert.equal(closest("start_url", keys), "startUrl");
    assert.equal(closest("stratUrl", keys), "startUrl");
    assert.equal(closest("regoin", keys), "region");
    assert.equal(closest("account", keys), "accounts");
    assert.equal(closest("defaultregion", keys), "defaultRegion");
  });

  test("suggests nothing for unrelated words", () => {
    assert.equal(closest("zzz", keys), undefined);
    assert.equal(closest("profiles", keys), undefined);
    assert.equal(closest("x", []), undefined);
  });

  test("suggestFix lists the allowed words when nothing is close", () => {
    assert.equal(suggestFix("startURL", keys), "did you mean 'startUrl'?");
    assert.equal(suggestFix("zzz", ["a", "b", "a"]), "allowed: a, b");
    assert.equal(suggestFix("zzz", []), "remove it");
  });
});
