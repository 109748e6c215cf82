// The bash/zsh file where shells differ: bash in POSIX mode (`bash --posix`, POSIXLY_CORRECT) loads it and
// every name still works; zsh completes aws-sso-use's profile names whether compinit ran before or after
// the file was sourced. Real shells, hostile names: a canary file must never appear.
import assert from "node:assert/strict";
import { chmod, mkdir, mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { Model } from "../../src/core/model/model.ts";
import { shQuote as q } from "../../src/core/render/helpers.ts";
import { shell as shellRenderer } from "../../src/renderers/shell/index.ts";
import { run } from "../support/aws-cli.ts";
import { hostileModel } from "./support/hostile-shell.ts";
import { renderBuiltin } from "./support/render.ts";
import { runShell, shellSkip } from "./support/shells.ts";

let dir: string;
let canary: string;
let model: Model;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "aws-sso-sync-shell-modes-"));
  canary = join(dir, "canary");
  model = hostileModel(canary);
});
after(() => rm(dir, { recursive: true, force: true }));

function entries(options: Record<string, unknown>): Array<{ fn: string; profile: string }> {
  const opts = shellRenderer.options?.parse(options) ?? {};
  const ctx = shellRenderer.context?.({ model, options: opts, output: "shell", env: {} }) as {
    shellProfiles: Array<{ fn: string; profile: string }>;
  };
  return ctx.shellProfiles;
}
const canaryAbsent = async () =>
  assert.equal(await stat(canary).catch(() => null), null, "the canary file was created: a name ran as code");

describe("bash in POSIX mode", () => {
  const skip = shellSkip("bash");
  // An alias applies from the next line read, so every call is on a line of its own.
  const modes: Array<[string, (script: string) => ReturnType<typeof run>]> = [
    ["bash --posix", (s) => run("bash", ["--posix", "--norc", "--noprofile", "-c", s], { HOME: dir })],
    ["POSIXLY_CORRECT", (s) => runShell("bash", s, { HOME: dir, POSIXLY_CORRECT: "1" }, dir)],
  ];
  for (const [mode, runIt] of modes) {
    test(`${mode}: the file loads; every profile's name and aws-sso-use switch`, { skip }, async () => {
      const file = join(dir, "posix.bash");
      await writeFile(file, await renderBuiltin("shell", { shell: "bash" }, model));
      const list = entries({ shell: "bash" });
      const script = [
        `. ${q(file)} || echo SOURCE-FAILED`,
        ...list.flatMap((e) => [e.fn, `printf 'FN %s\\n' "$AWS_PROFILE"`]),
        ...list.flatMap((e) => [`aws-sso-use ${q(e.profile)}`, `printf 'USE %s\\n' "$AWS_PROFILE"`]),
        "aws-sso-clear",
        `printf 'CLEARED %s\\n' "\${AWS_PROFILE-none}"`,
        "aws-sso-profiles | wc -l",
      ].join("\n");
      const r = await runIt(script);
      assert.equal(r.stderr, "");
      assert.deepEqual(r.stdout.trim().split(/\n\s*/), [
        ...list.map((e) => `FN ${e.profile}`),
        ...list.map((e) => `USE ${e.profile}`),
        "CLEARED none",
        String(list.length),
      ]);
      await canaryAbsent();
    });
  }

  test("bash --posix: arguments reach aws-vault exec through the alias", { skip }, async () => {
    const bin = join(dir, "bin");
    await mkdir(bin, { recursive: true });
    await writeFile(join(bin, "aws-vault"), `#!/bin/sh\nfor a in "$@"; do printf 'V[%s]\\n' "$a"; done\n`);
    await chmod(join(bin, "aws-vault"), 0o755);
    const file = join(dir, "posix-vault.bash");
    await writeFile(file, await renderBuiltin("shell", { shell: "bash", action: "aws-vault" }, model));
    const e = entries({ shell: "bash", action: "aws-vault" })[0] ?? assert.fail("no profile");
    const r = await run("bash", ["--posix", "--norc", "--noprofile", "-c", `. ${q(file)}\n${e.fn} a 'b c'`], {
      HOME: dir,
      PATH: `${bin}:${process.env.PATH ?? ""}`,
    });
    assert.equal(r.stderr, "");
    assert.deepEqual(r.stdout.trimEnd().split("\n"), [
      "V[exec]",
      `V[${e.profile}]`,
      "V[--]",
      "V[a]",
      "V[b c]",
    ]);
  });
});

describe("zsh completes aws-sso-use's profile names", () => {
  const skip = shellSkip("zsh");
  // compadd only runs inside a completion widget; a function of that name shadows the builtin, so calling
  // the completer directly prints the words it offers, one per line.
  const offered = [
    'compadd() { print -rl -- "$@"; }',
    "words=(aws-sso-use ''); CURRENT=2; $_comps[aws-sso-use]",
  ];
  for (const order of ["compinit first", "file first"] as const) {
    test(`${order}: registered with compdef, offering every profile literally`, { skip }, async () => {
      const file = join(dir, `complete-${order.replace(" ", "-")}.zsh`);
      await writeFile(file, await renderBuiltin("shell", { shell: "zsh" }, model));
      const compinit = "autoload -Uz compinit && compinit -u -D";
      const setup =
        order === "compinit first"
          ? [compinit, `. ${q(file)}`]
          : [`. ${q(file)}`, compinit, "for f in $precmd_functions; do $f; done"];
      const script = [
        ...setup,
        "print -r -- COMP=$_comps[aws-sso-use] PRECMD=${#precmd_functions}",
        ...offered,
      ];
      const r = await runShell("zsh", script.join("\n"), { HOME: dir }, dir);
      assert.equal(r.stderr, "");
      const [head, dashes, ...words] = r.stdout.trimEnd().split("\n");
      assert.equal(head, "COMP=_aws_sso_sync_complete PRECMD=0");
      assert.equal(dashes, "--");
      assert.deepEqual(
        words,
        entries({ shell: "zsh" }).map((e) => e.profile),
      );
      await canaryAbsent();
    });
  }
});
