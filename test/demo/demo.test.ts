// The README's first command: a full login and sync against the bundled emulator, checked by its consumers.
import assert from "node:assert/strict";
import { test } from "node:test";
import { runCli } from "../support/cli.ts";
import { tempHome } from "../support/emulator.ts";

test("aws-sso-sync demo logs in, syncs, and boto3 and bash use the result", async () => {
  const h = await tempHome(); // the demo makes its own home; this only keeps the caller's AWS setup out
  try {
    const r = await runCli(["demo"], h.env, 120_000);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /output aws-config: written/);
    assert.match(r.stdout, /\[profile production\.AdministratorAccess\]/);
    assert.match(r.stdout, /bash: aws-sso-use set AWS_PROFILE=production\.AdministratorAccess/);
    assert.match(r.stdout, /boto3 resolved credentials for production\.AdministratorAccess/);
  } finally {
    await h.cleanup();
  }
});
