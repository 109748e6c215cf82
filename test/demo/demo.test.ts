// The README's first command: a full login and sync against the bundled emulator, checked by its consumers.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdir, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { test } from "node:test";
import { runCli, startCli } from "../support/cli.ts";
import { childEnv, tempHome } from "../support/emulator.ts";

/** The demo's homes in a temp folder (tsx keeps its own cache there too). */
async function demoHomes(tmp: string): Promise<string[]> {
  return (await readdir(tmp)).filter((n) => n.startsWith("aws-sso-sync-demo-"));
}

test("aws-sso-sync demo logs in, syncs, boto3 and bash use the result, and its home is removed", async () => {
  const h = await tempHome(); // the demo makes its own home; this only keeps the caller's AWS setup out
  try {
    const tmp = join(h.home, "tmp");
    await mkdir(tmp);
    const r = await runCli(["demo"], { ...h.env, TMPDIR: tmp }, 120_000);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /output aws-config: written/);
    assert.match(r.stdout, /\[profile production\.AdministratorAccess\]/);
    assert.match(r.stdout, /bash: aws-sso-use set AWS_PROFILE=production\.AdministratorAccess/);
    assert.match(r.stdout, /boto3 resolved credentials for production\.AdministratorAccess/);
    assert.match(r.stdout, /deliberate hostile samples/);
    assert.doesNotMatch(r.stdout, /Try it/, "the emulator is gone: no command that cannot work");
    assert.deepEqual(await demoHomes(tmp), [], "the throwaway home (with its token files) is removed");
  } finally {
    await h.cleanup();
  }
});

test("demo --keep prints a Try-it command that works while it runs, and keeps the home after Ctrl-C", async () => {
  const h = await tempHome();
  try {
    const tmp = join(h.home, "tmp");
    await mkdir(tmp);
    const run = startCli(["demo", "--keep"], { ...h.env, TMPDIR: tmp }, 120_000);
    let line: string | undefined;
    for (let i = 0; i < 1200 && line === undefined; i++) {
      line = /^\s+(HOME=.* python3 -c .*)$/m.exec(run.stdout())?.[1];
      if (line === undefined) await delay(100);
    }
    assert.ok(line, `no Try-it line:\n${run.stdout()}\n${run.stderr()}`);
    const tried = spawnSync("bash", ["-c", line], { env: childEnv(h.env), encoding: "utf8" });
    assert.equal(tried.status, 0, tried.stderr);
    assert.match(tried.stdout, /^[A-Z0-9]{16,}$/m, "boto3 printed an access key id");
    run.child.kill("SIGINT");
    const done = await run.done;
    assert.equal(done.code, 0, done.stderr);
    const kept = await demoHomes(tmp);
    assert.equal(kept.length, 1, "--keep keeps the home");
    await rm(join(tmp, kept[0] ?? ""), { recursive: true, force: true });
  } finally {
    await h.cleanup();
  }
});
