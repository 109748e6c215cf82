import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { DiscoveredSession } from "./model/model.ts";
import { decideRemoval } from "./removal-guard.ts";

const session = (...ids: number[]): DiscoveredSession => ({
  session: "acme",
  accounts: ids.map((i) => ({
    accountId: String(100000000000 + i),
    accountName: `a${i}`,
    emailAddress: `a${i}@x.test`,
    roles: ["Admin", "Read"],
  })),
});
const policy = { threshold: 0.5, confirm: false };

describe("decideRemoval", () => {
  test("no previous discovery, or a small removal: applied", () => {
    assert.equal(decideRemoval(undefined, session(), undefined, policy).action, "apply");
    assert.deepEqual(decideRemoval(session(1, 2, 3, 4), session(1, 2), undefined, policy), {
      action: "apply",
    });
  });

  test("more than the threshold, or everything: held until the same removal comes again", () => {
    const held = decideRemoval(session(1, 2, 3, 4), session(1), undefined, policy);
    assert.equal(held.action, "hold");
    assert.equal(
      held.message,
      "session acme: 6 of 8 profiles would go; kept until the next sync confirms it (or run sync --confirm-removals)",
    );
    assert.equal(decideRemoval(session(1), session(), undefined, policy).action, "hold");
    assert.equal(
      decideRemoval(session(1), session(), undefined, { ...policy, threshold: 1 }).action,
      "apply",
    );
    assert.equal(decideRemoval(session(1, 2, 3, 4), session(1), session(1), policy).action, "apply");
    // A different removal is a new question, not a confirmation.
    assert.equal(decideRemoval(session(1, 2, 3, 4), session(1), session(2), policy).action, "hold");
  });

  test("--confirm-removals applies at once", () => {
    const d = decideRemoval(session(1, 2), session(), undefined, { ...policy, confirm: true });
    assert.equal(d.action, "apply");
    assert.match(d.message ?? "", /4 of 4 profiles removed \(--confirm-removals\)/);
  });
});
