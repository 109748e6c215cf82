// A problem is told once, when it appears or changes, summarised per kind; `list` and `render` do not
// repeat it; a sync says which profiles came and went, an unchanged one says so in one line; the daemon
// logs a warning once across many cycles and reports (and notifies) a new permission set.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { Org, OrgAccount } from "../../src/emulator/index.ts";
import { runCli } from "../support/cli.ts";
import { baseConfig, syncFixture, type SyncFixture } from "../support/sync-fixture.ts";
import { fakeNotifySend, readText, spawnDaemon, waitFor } from "../daemon/support.ts";

const acct = (id: string, name: string, roles: string[]): OrgAccount => ({
  accountId: id.repeat(12).slice(0, 12),
  accountName: name,
  emailAddress: `${id}@example.test`,
  roles,
});
// Two names that two accounts each share: two conflicts of one kind.
const ORG: Org = {
  accounts: [
    acct("1", "Sandbox", ["Admin"]),
    acct("2", "sandbox", ["Admin"]),
    acct("3", "Dev", ["ReadOnly"]),
    acct("4", "dev", ["ReadOnly"]),
    acct("5", "Solo", ["Ops"]),
    acct("6", "Prod", ["Admin"]),
  ],
};
const withNewSet: Org = {
  accounts: [
    ...ORG.accounts.filter((a) => a.accountName !== "Solo" && a.accountName !== "Prod"),
    acct("6", "Prod", ["Admin", "NewSet"]),
  ],
};
const warnings = (stderr: string) => stderr.split("\n").filter((l) => l.startsWith("warning: "));
const lines = (text: string) => text.split("\n").filter((l) => l !== "");

describe("warnings once, change reports (sync, list, render)", { timeout: 300_000 }, () => {
  let fx: SyncFixture;
  before(async () => (fx = await syncFixture(ORG)));
  after(() => fx.cleanup());

  test("the first sync summarises the conflicts in one line; list and render do not repeat it", async () => {
    const r = await runCli(["sync"], fx.env);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(warnings(r.stderr), [
      "warning: 2 profile name conflicts, each qualified so that no profile is dropped (--verbose lists them)",
    ]);
    assert.match(r.stdout, /output aws-config: written \S+ \(\+6 profiles: .*prod\.Admin/);
    for (const args of [["list"], ["render", "--output", "aws-config"]]) {
      const o = await runCli(args, fx.env);
      assert.equal(o.code, 0, o.stderr);
      assert.deepEqual(warnings(o.stderr), [], `${args.join(" ")}:\n${o.stderr}`);
    }
  });

  test("a second sync with nothing new prints one line and no warning; --verbose lists them", async () => {
    const r = await runCli(["sync"], fx.env);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(warnings(r.stderr), []);
    assert.equal(lines(r.stdout).length, 1, r.stdout);
    assert.match(r.stdout, /^unchanged: 6 profiles from 6 accounts, none added or removed/);
    const v = await runCli(["sync", "--verbose"], fx.env);
    const listed = warnings(v.stderr);
    assert.equal(listed.length, 2, v.stderr);
    const sandbox = listed.find((w) => w.includes('"sandbox.Admin" is shared by')) ?? listed.join("\n");
    for (const part of ["acme/111111111111/Admin", "acme/222222222222/Admin", '"sandbox.Admin-111111111111"'])
      assert.ok(sandbox.includes(part), `${part} in: ${sandbox}`);
  });

  test("a new permission set and a removed account are reported by name", async () => {
    fx.emu.setOrg(withNewSet);
    const r = await runCli(["sync"], fx.env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /output aws-config: written \S+ \(\+1 profile: prod\.NewSet; \u22121: solo\.Ops\)/,
    );
    assert.deepEqual(warnings(r.stderr), [], "the conflicts did not change");
  });
});

describe("the daemon logs a warning once and reports changes", { timeout: 300_000 }, () => {
  let fx: SyncFixture;
  before(async () => (fx = await syncFixture(ORG, `${baseConfig}schedule: "* * * * * *"\n`)));
  after(() => fx.cleanup());

  test("many cycles: one warning line; a new permission set: one change line and one notification", async () => {
    const notified = join(fx.home, "notified.txt");
    const bin = await fakeNotifySend(fx.home, notified);
    const d = spawnDaemon({ ...fx.env, PATH: `${bin}:${process.env.PATH ?? ""}` }, ["--log-level", "debug"]);
    const records = () =>
      d
        .output()
        .split("\n")
        .flatMap((l) => {
          try {
            return [JSON.parse(l) as Record<string, unknown>];
          } catch {
            return [];
          }
        });
    const runs = () => records().filter((r) => r.message === "sync done").length;
    const named = (m: string) => records().filter((r) => r.message === m);
    try {
      await waitFor("five runs", () => runs() >= 5, 120_000, d);
      assert.equal(named("warning").length, 1, d.output().slice(-3000));
      assert.equal(named("warning")[0]?.count, 2);
      assert.equal(named("profiles changed").length, 1, "the first run's profiles");
      fx.emu.setOrg(withNewSet);
      await waitFor("the change", () => named("profiles changed").length >= 2, 120_000, d);
      const seen = runs();
      await waitFor("three more runs", () => runs() >= seen + 3, 120_000, d);
      const changed = named("profiles changed");
      assert.equal(changed.length, 2);
      assert.deepEqual(changed[1]?.added, ["prod.NewSet"]);
      assert.deepEqual(changed[1]?.removed, ["solo.Ops"]);
      assert.equal(named("warning").length, 1, "still one: the conflicts did not change");
      // The first run's profiles are not news; the new permission set is, once.
      assert.deepEqual(lines(await readText(notified)), [
        "--app-name=aws-sso-sync --urgency=normal aws-sso-sync: profiles changed +1 profile: prod.NewSet; \u22121: solo.Ops",
      ]);
    } finally {
      await d.stop("SIGTERM");
    }
    assert.ok((await readFile(fx.awsConfig, "utf8")).includes("prod.NewSet"));
  });
});
