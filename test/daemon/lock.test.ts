// The lock: one holder at a time, a clear message naming the holder, and a lock left by a process that
// died (SIGKILL) taken over at once, not after the stale period, by exactly one of its waiters; a holder
// whose lock is taken away is told (signal) and its write phase rejects.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import fsModule from "node:fs";
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import { syncBuiltinESMExports } from "node:module";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, mock, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { acquireLock } from "../../src/core/lock/lock.ts";
import { underLock, withWriteLock, writing } from "../../src/core/lock/write-lock.ts";
import { LockedError } from "../../src/core/errors.ts";

const LOCK_TS = fileURLToPath(new URL("../../src/core/lock/lock.ts", import.meta.url));
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
  let got = false;
  const second = acquireLock(lock, { what: "second", waitMs: 60_000 }).then((h) => ((got = true), h));
  await reads.until(`${lock}.owner.json`, 2); // the waiter has found the lock held twice: it is waiting
  assert.equal(got, false, "taken while held");
  await held.release();
  await (await second).release();
  assert.equal(got, true);
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
  // waitMs 0: taken over in the first attempt, or refused; the stale period (30 s) never comes into it.
  const held = await acquireLock(lock, { what: "me", waitMs: 0 });
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

/**
 * Resolves when `signal` aborts (proper-lockfile checks every half stale period). Its timer is unref'd, so
 * this one keeps the test alive; the bound only turns a hang into a message, it measures nothing.
 */
async function aborted(signal: AbortSignal, ms = 120_000): Promise<void> {
  const timer = setTimeout(() => undefined, ms);
  try {
    await Promise.race([
      once(signal, "abort"),
      sleep(ms, undefined, { ref: false }).then(() => assert.fail(`not aborted within ${ms} ms`)),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** A pid that belonged to a process which has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]);
  return Number(r.stdout.toString());
}

/** A lock directory left by a dead process, with its owner file. */
async function deadLock(lock: string): Promise<void> {
  await mkdir(lock);
  const st = await stat(lock, { bigint: true });
  const owner = { pid: deadPid(), host: hostname(), ino: Number(st.ino), born: String(st.birthtimeNs) };
  await writeFile(`${lock}.owner.json`, JSON.stringify({ ...owner, what: "dead", since: "then" }));
}

/**
 * Counts the reads of each file through fs.promises.readFile (what readJson uses), so a test can wait
 * until a waiter has looked at a lock a given number of times instead of guessing how long that takes.
 */
const reads = (() => {
  const counts = new Map<string, number>();
  const orig = fsModule.promises.readFile;
  fsModule.promises.readFile = ((...args: Parameters<typeof orig>) => {
    if (typeof args[0] === "string") counts.set(args[0], (counts.get(args[0]) ?? 0) + 1);
    return orig(...args);
  }) as typeof orig;
  syncBuiltinESMExports();
  return {
    of: (file: string) => counts.get(file) ?? 0,
    /** Resolves once `file` has been read `n` more times than now. */
    async until(file: string, n: number): Promise<void> {
      const target = (counts.get(file) ?? 0) + n;
      while ((counts.get(file) ?? 0) < target) await sleep(5);
    },
  };
})();

/**
 * Holds the first read of `file` until `open()` is called, like a disk stalling under load: the
 * waiter doing that read has checked the lock but not yet acted on what it found.
 */
function stallFirstRead(file: string): { reached: Promise<void>; open(): void; restore(): void } {
  const orig = fsModule.promises.readFile;
  let reach: () => void = () => undefined;
  const reached = new Promise<void>((r) => (reach = r));
  let gate: () => void = () => undefined;
  const opened = new Promise<void>((r) => (gate = r));
  let stalled = false;
  fsModule.promises.readFile = (async (...args: Parameters<typeof orig>) => {
    const text = await orig(...args);
    if (args[0] === file && !stalled) {
      stalled = true;
      reach();
      await opened;
    }
    return text;
  }) as typeof orig;
  syncBuiltinESMExports();
  return {
    reached,
    open: () => gate(),
    restore() {
      fsModule.promises.readFile = orig;
      syncBuiltinESMExports();
    },
  };
}

test("two waiters on a dead lock: the slower one never removes the lock the faster one took", async () => {
  const lock = join(dir, "race.lock");
  await deadLock(lock);
  const stall = stallFirstRead(`${lock}.owner.json`);
  let slowHeld = false;
  try {
    const slow = acquireLock(lock, { what: "slow", waitMs: 120_000 }).then((h) => ((slowHeld = true), h));
    await stall.reached; // the slow waiter has seen the dead owner and stalls before acting on it
    const fast = await acquireLock(lock, { what: "fast", waitMs: 60_000 });
    // Every read of the owner file from here on is the slow waiter's. Two more mean it has acted on its
    // stale view (the dead owner) and gone round twice since; a slow waiter that took the lock stops here.
    const seen = reads.of(`${lock}.owner.json`);
    stall.open();
    while (reads.of(`${lock}.owner.json`) < seen + 2 && !slowHeld) await sleep(5);
    assert.equal(slowHeld, false, "both waiters hold the lock");
    assert.ok(await stat(lock), "the fast waiter's lock is still there");
    await fast.release();
    await (await slow).release();
  } finally {
    stall.restore();
    stall.open();
  }
});

test("many waiters on a dead lock: one holder at a time", async () => {
  let inside = 0;
  let worst = 0;
  for (let round = 0; round < 3; round++) {
    const lock = join(dir, `many-${round}.lock`);
    await deadLock(lock);
    await Promise.all(
      Array.from({ length: 6 }, async (_, i) => {
        await sleep(i % 3);
        const held = await acquireLock(lock, { what: `w${i}`, waitMs: 120_000 });
        worst = Math.max(worst, ++inside);
        await sleep(10);
        inside--;
        await held.release();
      }),
    );
    assert.deepEqual(
      (await readdir(dir)).filter((f) => f.startsWith(`many-${round}.lock.`)),
      [],
    );
  }
  assert.equal(worst, 1);
});

test("an owner file of a dead process whose inode was reused does not condemn the newer lock", async () => {
  const lock = join(dir, "reused.lock");
  const held = await acquireLock(lock, { what: "live" });
  // What a crash leaves when the new lock got the dead one's inode but not yet its own owner file.
  const st = await stat(lock, { bigint: true });
  const stale = { pid: deadPid(), host: hostname(), ino: Number(st.ino), born: String(st.birthtimeNs - 1n) };
  await writeFile(`${lock}.owner.json`, JSON.stringify({ ...stale, what: "dead", since: "then" }));
  await assert.rejects(acquireLock(lock, { what: "other" }), LockedError);
  await held.release();
});

test("a lock taken away is reported on its signal; release leaves the new holder's owner file", async () => {
  const lock = join(dir, "lost.lock");
  const first = await acquireLock(lock, { what: "first", staleMs: 2_000, onCompromised: () => undefined });
  assert.equal(first.signal.aborted, false);
  await rm(lock, { recursive: true }); // as a takeover by another process would
  const second = await acquireLock(lock, { what: "second" });
  await aborted(first.signal); // proper-lockfile checks every second here
  assert.ok(first.signal.reason instanceof LockedError);
  await first.release();
  assert.match(await readFile(`${lock}.owner.json`, "utf8"), /"what":"second"/);
  assert.ok(await stat(lock), "the new holder's lock stays");
  await second.release();
});

test("a lock lost to a holder in this process: release before the loss is noticed leaves the new lock", async () => {
  const lock = join(dir, "early.lock");
  const first = await acquireLock(lock, { what: "first", staleMs: 2_000, onCompromised: () => undefined });
  await rm(lock, { recursive: true }); // taken away; the 1 s check has not run yet
  const second = await acquireLock(lock, { what: "second" });
  await first.release();
  assert.ok(await stat(lock), "the new holder's lock directory stays");
  assert.match(await readFile(`${lock}.owner.json`, "utf8"), /"what":"second"/);
  await second.release();
  await assert.rejects(stat(lock), { code: "ENOENT" });
});

test("two holders within one millisecond on a reused inode: release removes only its own owner file", async (t) => {
  const lock = join(dir, "same-ms.lock");
  // The flake: both holders are this process, the new lock directory got the old one's inode, and both
  // were taken in the same millisecond; the owner files then differed in nothing that release compared.
  mock.timers.enable({ apis: ["Date"], now: Date.now() });
  try {
    const first = await acquireLock(lock, { what: "first", staleMs: 2_000, onCompromised: () => undefined });
    const ino = (await stat(lock)).ino;
    await rm(lock, { recursive: true });
    const second = await acquireLock(lock, { what: "second" });
    if ((await stat(lock)).ino !== ino) {
      await second.release();
      await first.release();
      t.skip("this file system gave the new lock directory a new inode: the collision cannot happen here");
      return;
    }
    await aborted(first.signal);
    await first.release();
    assert.match(await readFile(`${lock}.owner.json`, "utf8"), /"what":"second"/);
    await second.release();
  } finally {
    mock.timers.reset();
  }
});

test("withWriteLock's write phase: fn gets a signal that aborts when the lock is lost, and it rejects", async () => {
  const lock = join(dir, "phase.lock");
  let seen: AbortSignal | undefined;
  const phase = underLock(
    await acquireLock(lock, { what: "phase", staleMs: 2_000, onCompromised: () => undefined }),
    async (signal) => {
      seen = signal;
      await rm(lock, { recursive: true });
      await aborted(signal); // a write phase that stops once told
      return "written";
    },
  );
  await assert.rejects(phase, LockedError);
  assert.equal(seen?.aborted, true);
  assert.equal(writing(), false);
});
