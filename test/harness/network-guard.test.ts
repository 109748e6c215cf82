// The harness itself: every test process and every node child it starts may reach loopback only
// (test/support/network-guard.mjs, loaded through NODE_OPTIONS by scripts/run-tests.mjs). Each check
// first proves the guard is loaded, so a missing guard fails here instead of sending a packet anywhere.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";

const KEY = Symbol.for("aws-sso-sync.network-guard");
type Guard = { isLoopback(host: string | undefined): boolean };

test("the guard is loaded in the test process and tells loopback apart", () => {
  const guard = (globalThis as Record<symbol, unknown>)[KEY] as Guard | undefined;
  assert.ok(guard, "run the tests with `npm test` (scripts/run-tests.mjs loads the guard)");
  for (const h of ["127.0.0.1", "127.9.9.9", "::1", "[::1]", "localhost", "::ffff:127.0.0.1", undefined])
    assert.equal(guard.isLoopback(h), true, String(h));
  for (const h of [
    "10.0.0.1",
    "192.168.1.1",
    "8.8.8.8",
    "::ffff:10.0.0.1",
    "portal.sso.eu-north-1.amazonaws.com",
  ])
    assert.equal(guard.isLoopback(h), false, h);
});

// The child checks the guard first and exits 3 without trying anything when it is missing.
const CHILD = `
if (!globalThis[Symbol.for("aws-sso-sync.network-guard")]) process.exit(3);
const https = await import("node:https");
https.get("https://portal.sso.eu-north-1.amazonaws.com/", () => process.exit(0)).on("error", (e) => {
  process.stdout.write("caught: " + e.message + "\\n"); // code under test may swallow it: the guard still fails the process
});
`;

test("a child that connects to a non-loopback host fails even when it swallows the error", () => {
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", CHILD], { encoding: "utf8" });
  assert.notEqual(r.status, 3, "the guard is not loaded into child processes");
  assert.match(r.stdout, /caught: network guard: a test tried to connect to portal\.sso/);
  assert.notEqual(r.status, 0, "the process must fail");
  assert.match(r.stderr, /network guard/);
});
