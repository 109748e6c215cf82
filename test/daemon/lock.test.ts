// The lock: one holder at a time, a clear message naming the holder, and a lock left by a process that
// died (SIGKILL) taken over at once, not after the stale period.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { acquireLock } from "../../src/core/daemon/lock.ts";
import { withWriteLock, writing } from "../../src/core/daemon/write-lock.ts";
import { LockedError } from "../../src/core/errors.ts";

const LOCK_TS = fileURLToPath(new URL("../../src/core/daemon/lock.ts", import.meta.url));
let dir: string;
before(async () => (dir = await mkdtemp(join(tmpdir(), "aws-sso-sync-lock-"))));
after(() => rm(dir, { recursive: true, force: true }));

/** A child process that takes the lock and holds it until killed. */
function holder(lock: string): Promise<import("node:child_process").ChildProcess> {
  const code = `const { acquireLock } = await import(${JSON.stringify(LOCK_TS)}); await acquireLock(${JSON.stringify(lock)}, { what: "test holder" }); process.stdout.write("held\\n"); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    child.stdout.setEncoding("utf8").on("data", (d: string) => d.includes("held") && resolve(child));
    child.on("exit", (c) => reject(new Error(`holder exited with ${c}`)));
  });
}

test("a held lock is refused with the holder named; released, it can be taken again", async () => {
  const lock = join(dir, "a.lock");
  const held = await acquireLock(lock, { what: "first" });
  await assert.rejects(acquireLock(lock, { what: "second" }), (err: unknown) => {
    assert.ok(err instanceof LockedError);
    assert.match(err.message, new RegExp(`second: locked by process ${process.pid} \\(first, since `));
    return true;
  });
  await held.release();
  await (await acquireLock(lock, { what: "third" })).release();
});

test("waitMs waits for the holder to let go", async () => {
  const lock = join(dir, "b.lock");
  const held = await acquireLock(lock, { what: "first" });
  setTimeout(() => void held.release(), 300);
  const t0 = Date.now();
  const second = await acquireLock(lock, { what: "second", waitMs: 5_000 });
  assert.ok(Date.now() - t0 >= 250);
  await second.release();
});

test("a live holder in another process keeps it; after SIGKILL it is taken over at once", async () => {
  const lock = join(dir, "c.lock");
  const child = await holder(lock);
  try {
    await assert.rejects(acquireLock(lock, { what: "me" }), /locked by process \d+ \(test holder/);
  } finally {
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
  }
  assert.ok(await stat(lock), "the dead holder's lock is still on disk");
  const t0 = Date.now();
  const held = await acquireLock(lock, { what: "me" });
  assert.ok(Date.now() - t0 < 2_000, "taken over without waiting for staleness");
  await held.release();
});

test("withWriteLock: writing() is true inside, false after, even when fn throws", async () => {
  const env = { AWS_SSO_SYNC_STATE_DIR: join(dir, "state") };
  assert.equal(writing(), false);
  await withWriteLock(env, async () => assert.equal(writing(), true));
  await assert.rejects(
    withWriteLock(env, async () => Promise.reject(new Error("boom"))),
    /boom/,
  );
  assert.equal(writing(), false);
  await withWriteLock(env, async () => undefined, 0); // released: no wait needed
});
