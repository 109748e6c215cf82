// A reader that closes early (`aws-sso-sync list | head -1`) must end the command quietly with exit 0,
// never with "Error: write EPIPE" and a stack trace. `| true` closes the pipe before the CLI has even
// started, so every write of the command meets a closed reader: the case is certain, not a race.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { saveDiscovered } from "../../src/core/state/discovered.ts";
import { CLI_MAIN } from "../support/cli.ts";
import { childEnv, tempHome, type TempHome } from "../support/emulator.ts";

let h: TempHome;
before(async () => {
  h = await tempHome();
  const dir = join(h.home, ".config", "aws-sso-sync");
  await mkdir(dir, { recursive: true });
  await writeFile(
    join(dir, "config.yaml"),
    "sessions:\n  - name: acme\n    startUrl: https://d-1234567890.awsapps.com/start\n    region: eu-north-1\n",
  );
  await writeFile(join(h.home, "names.hbs"), "{{#each profiles}}\n{{name}}\n{{/each}}\n");
  const accounts = Array.from({ length: 400 }, (_, i) => ({
    accountId: String(100000000000 + i),
    accountName: `account-${i}`,
    emailAddress: `a${i}@example.com`,
    roles: ["ReadOnlyAccess", "AdministratorAccess"],
  }));
  await saveDiscovered({ session: "acme", accounts }, "https://d-1234567890.awsapps.com/start", h.env);
});
after(() => h.cleanup());

/** Runs the CLI into a reader that is already gone; returns the CLI's own exit status and stderr. */
function intoClosedPipe(args: string[]): { status: number; stderr: string } {
  const quoted = args.map((a) => `'${a}'`).join(" ");
  const r = spawnSync(
    "bash",
    [
      "-c",
      `"$0" --import tsx "$1" ${quoted} 2>"$2" | true; echo "\${PIPESTATUS[0]}"`,
      process.execPath,
      CLI_MAIN,
      join(h.home, "stderr.txt"),
    ],
    { env: childEnv(h.env, { NODE_NO_WARNINGS: "1" }), encoding: "utf8" },
  );
  const stderr = spawnSync("cat", [join(h.home, "stderr.txt")], { encoding: "utf8" }).stdout;
  return { status: Number(r.stdout.trim()), stderr };
}

for (const args of [
  ["list"],
  ["list", "--json"],
  ["render", "--output", "aws-config"],
  ["render", "--template", "names.hbs", "--sample"],
  ["--help"],
]) {
  test(`${args.join(" ")} | (closed reader) ends quietly with exit 0`, () => {
    const fixed = args.map((a) => (a === "names.hbs" ? join(h.home, a) : a));
    const r = intoClosedPipe(fixed);
    assert.doesNotMatch(r.stderr, /EPIPE|at .*\.ts:\d+/, r.stderr);
    assert.equal(r.status, 0, r.stderr);
  });
}
