// The shell renderer in real shells: every generated file is sourced without an error, every function
// exists and sets AWS_PROFILE to its profile (or runs aws-vault / assume with it), the helpers list and
// switch profiles, and hostile account and role names execute nothing: a canary must never be created.
import assert from "node:assert/strict";
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { Model } from "../../src/core/model/model.ts";
import { fishQuote, pwshQuote, shQuote } from "../../src/core/render/helpers.ts";
import { shell as shellRenderer } from "../../src/renderers/shell/index.ts";
import { sourceLine } from "../../src/renderers/shell/init.ts";
import type { Shell } from "../../src/renderers/shell/names.ts";
import { tempHome, type TempHome } from "../support/emulator.ts";
import { hostileModel } from "./support/hostile-shell.ts";
import { account, modelOf, renderBuiltin, testConfig, writeOutputs } from "./support/render.ts";
import { runShell, shellSkip } from "./support/shells.ts";

let dir: string;
let canary: string;
let model: Model;

interface Entry {
  fn: string;
  profile: string;
}
function entries(options: Record<string, unknown>, m: Model = model): Entry[] {
  const opts = shellRenderer.options?.parse(options) ?? {};
  const ctx = shellRenderer.context?.({ model: m, options: opts, output: "shell", env: {} }) as {
    shellProfiles: Entry[];
  };
  return ctx.shellProfiles;
}

const quote: Record<Shell, (v: string) => string> = {
  bash: shQuote,
  zsh: shQuote,
  fish: fishQuote,
  pwsh: pwshQuote,
};

/** A script that sources `file`, checks each function exists, calls it and prints what AWS_PROFILE became. */
function probeScript(shell: Shell, file: string, list: Entry[]): string {
  const q = quote[shell];
  const lines: string[] = [];
  if (shell === "fish") {
    lines.push(`source ${q(file)}; or begin; echo SOURCE-FAILED; exit 90; end`);
    for (const f of [...list.map((e) => e.fn), "aws-sso-profiles", "aws-sso-use"])
      lines.push(`functions -q ${q(f)}; or echo NOT-A-FUNCTION ${q(f)}`);
    for (const e of list)
      lines.push(`set -e AWS_PROFILE; ${e.fn}; printf 'FN %s=%s\\n' ${q(e.fn)} "$AWS_PROFILE"`);
    for (const e of list)
      lines.push(`set -e AWS_PROFILE; aws-sso-use ${q(e.profile)}; printf 'USE %s\\n' "$AWS_PROFILE"`);
    lines.push("aws-sso-use no-such-profile 2>/dev/null; echo NOPE $status");
  } else if (shell === "pwsh") {
    lines.push(`. ${q(file)}`);
    for (const f of [...list.map((e) => e.fn), "aws-sso-profiles", "aws-sso-use"])
      lines.push(
        `if (-not (Get-Command -CommandType Function -Name ${q(f)} -ErrorAction SilentlyContinue)) { 'NOT-A-FUNCTION ' + ${q(f)} }`,
      );
    for (const e of list)
      lines.push(
        `Remove-Item Env:AWS_PROFILE -ErrorAction SilentlyContinue; ${e.fn}; 'FN ' + ${q(e.fn)} + '=' + $env:AWS_PROFILE`,
      );
    for (const e of list)
      lines.push(
        `Remove-Item Env:AWS_PROFILE -ErrorAction SilentlyContinue; aws-sso-use ${q(e.profile)}; 'USE ' + $env:AWS_PROFILE`,
      );
  } else {
    const isFn =
      shell === "bash"
        ? (f: string) => `[ "$(type -t ${q(f)})" = function ]`
        : (f: string) => `[ "$(whence -w ${q(f)})" = ${q(`${f}: function`)} ]`;
    lines.push(`. ${q(file)} || { echo SOURCE-FAILED; exit 90; }`);
    for (const f of [...list.map((e) => e.fn), "aws-sso-profiles", "aws-sso-use"])
      lines.push(`${isFn(f)} || echo NOT-A-FUNCTION ${q(f)}`);
    for (const e of list)
      lines.push(`unset AWS_PROFILE; ${e.fn}; printf 'FN %s=%s\\n' ${q(e.fn)} "$AWS_PROFILE"`);
    for (const e of list)
      lines.push(`unset AWS_PROFILE; aws-sso-use ${q(e.profile)}; printf 'USE %s\\n' "$AWS_PROFILE"`);
    lines.push("aws-sso-use no-such-profile 2>/dev/null; echo NOPE $?");
  }
  return lines.join("\n");
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "aws-sso-sync-shell-"));
  canary = join(dir, "canary");
  model = hostileModel(canary);
});
after(() => rm(dir, { recursive: true, force: true }));

const canaryAbsent = async () =>
  assert.equal(await stat(canary).catch(() => null), null, "the canary file was created: a name ran as code");

for (const shell of ["bash", "zsh", "fish", "pwsh"] as const) {
  // Skipped per test, not per suite: node's runner counts skipped tests, never a skipped suite's.
  const skip = shellSkip(shell);
  describe(`shell renderer in ${shell}`, () => {
    let file: string;
    before(async () => {
      file = join(dir, `aliases-${shell}`);
      await writeFile(file, await renderBuiltin("shell", { shell }, model));
    });

    test(
      "sourcing it prints nothing; every function exists and sets AWS_PROFILE to its profile",
      { skip },
      async () => {
        const list = entries({ shell });
        assert.equal(list.length, model.profiles.length);
        const r = await runShell(
          shell,
          probeScript(shell, file, list),
          { HOME: dir, AWS_PROFILE: undefined },
          dir,
        );
        assert.equal(r.stderr, "", "no error while sourcing or running");
        assert.equal(r.code, 0, r.stdout);
        assert.doesNotMatch(r.stdout, /SOURCE-FAILED|NOT-A-FUNCTION/);
        const set = r.stdout
          .split("\n")
          .filter((l) => l.startsWith("FN "))
          .map((l) => l.slice(3));
        assert.deepEqual(
          set,
          list.map((e) => `${e.fn}=${e.profile}`),
        );
        assert.deepEqual([...list.map((e) => e.profile)].sort(), model.profiles.map((p) => p.name).sort());
        const used = r.stdout
          .split("\n")
          .filter((l) => l.startsWith("USE "))
          .map((l) => l.slice(4));
        assert.deepEqual(
          used,
          list.map((e) => e.profile),
          "aws-sso-use NAME switches to NAME",
        );
        if (shell !== "pwsh") assert.match(r.stdout, /NOPE 1/);
        await canaryAbsent();
      },
    );

    test("aws-sso-profiles lists every profile with its account name as data", { skip }, async () => {
      const r = await runShell(
        shell,
        shell === "pwsh"
          ? `. ${pwshQuote(file)}; aws-sso-profiles | ForEach-Object { $_.Profile + "\`t" + $_.AccountId + "\`t" + $_.AccountName + "\`t" + $_.Role }`
          : `${shell === "fish" ? "source" : "."} ${quote[shell](file)}; aws-sso-profiles`,
        { HOME: dir },
        dir,
      );
      assert.equal(r.stderr, "");
      const rows = r.stdout
        .trimEnd()
        .split("\n")
        .map((l) => l.split("\t"));
      // eslint-disable-next-line no-control-regex -- control characters are what the renderer replaces
      const show = (s: string) => s.replace(/[\u0000-\u001f\u007f]/g, "?");
      assert.deepEqual(
        rows,
        model.profiles.map((p) => [p.name, p.accountId, show(p.accountName), show(p.roleName)]),
      );
      await canaryAbsent();
    });

    test(
      "action aws-vault runs `aws-vault exec NAME -- ARGS`; action assume runs Granted's assume",
      { skip },
      async () => {
        const bin = join(dir, `bin-${shell}`);
        await mkdir(bin, { recursive: true });
        for (const tool of ["aws-vault", "assume"]) {
          await writeFile(
            join(bin, tool),
            `#!/bin/sh\nfor a in "$@"; do printf '${tool.toUpperCase()}[%s]\\n' "$a"; done\n`,
          );
          await chmod(join(bin, tool), 0o755);
        }
        for (const action of ["aws-vault", "assume"] as const) {
          const f = join(dir, `aliases-${shell}-${action}`);
          await writeFile(f, await renderBuiltin("shell", { shell, action, profilePrefix: "vault-" }, model));
          const e = entries({ shell, action, profilePrefix: "vault-" })[0] ?? assert.fail("no profile");
          const load = shell === "fish" ? "source" : ".";
          const call =
            shell === "pwsh"
              ? `. ${pwshQuote(f)}; ${e.fn} a 'b c'`
              : `${load} ${quote[shell](f)}; ${e.fn} a 'b c'`;
          const r = await runShell(shell, call, { HOME: dir, PATH: `${bin}:${process.env.PATH ?? ""}` }, dir);
          assert.equal(r.stderr, "");
          const tag = action === "aws-vault" ? "AWS-VAULT" : "ASSUME";
          const expected =
            action === "aws-vault" ? ["exec", e.profile, "--", "a", "b c"] : [e.profile, "a", "b c"];
          assert.equal(e.profile.startsWith("vault-"), true);
          assert.deepEqual(
            r.stdout.trimEnd().split("\n"),
            expected.map((a) => `${tag}[${a}]`),
          );
        }
        await canaryAbsent();
      },
    );

    test(
      "the shell-init line loads the file, and does nothing when the file is missing",
      { skip },
      async () => {
        const e = entries({ shell })[0] ?? assert.fail("no profile");
        const setCheck =
          shell === "pwsh"
            ? `; ${e.fn}; $env:AWS_PROFILE`
            : shell === "fish"
              ? `; ${e.fn}; echo $AWS_PROFILE`
              : `; ${e.fn}; echo "$AWS_PROFILE"`;
        const r = await runShell(shell, `${sourceLine(shell, file)}${setCheck}`, { HOME: dir }, dir);
        assert.equal(r.stderr, "");
        assert.equal(r.stdout.trim(), e.profile);
        const missing = await runShell(
          shell,
          sourceLine(shell, join(dir, "no such dir", "x")),
          { HOME: dir },
          dir,
        );
        assert.deepEqual([missing.code, missing.stderr], [0, ""]);
      },
    );
  });
}

test(
  "the canary check can fail: naive double quoting runs the name",
  { skip: shellSkip("bash") },
  async () => {
    const naive = join(dir, "naive.bash");
    const victim =
      model.profiles.find((p) => p.accountName.startsWith("Quote's")) ?? assert.fail("no hostile profile");
    await writeFile(naive, `NAME="${victim.accountName}"\n`);
    await runShell("bash", `. ${shQuote(naive)}`, { HOME: dir }, dir);
    assert.ok(await stat(canary).catch(() => null), "the naive file ran $(touch …)");
    await rm(canary);
  },
);

describe("shell renderer: names and files", () => {
  let h: TempHome;
  before(async () => {
    h = await tempHome();
  });
  after(() => h.cleanup());

  test("one output per shell, each in its own default file, owned whole", async () => {
    const m = modelOf([account("111111111111", "Prod", ["Admin"])]);
    const config = testConfig({
      outputs: (["bash", "zsh", "fish", "pwsh"] as const).map((shell) => ({
        renderer: "shell",
        name: `shell-${shell}`,
        options: { shell },
      })),
    });
    const { results } = await writeOutputs(config, m, h.env);
    assert.deepEqual(
      results.map((r) => r.status),
      ["written", "written", "written", "written"],
    );
    const base = join(h.home, ".config", "aws-sso-sync", "shell");
    for (const ext of ["bash", "zsh", "fish", "ps1"])
      assert.match(await readFile(join(base, `aliases.${ext}`), "utf8"), /aws-prod\.Admin/);
    assert.ok(
      (await readFile(join(base, "aliases.ps1"), "utf8")).startsWith("\uFEFF"),
      "the PowerShell file starts with a BOM",
    );
  });

  test("function names are plain words, unique, and never shadow the helpers", () => {
    // "a/b.R" and "a-b.R" are distinct profiles whose function names would both be "a-b.R".
    const config = testConfig({
      profiles: {
        name: "{{account.name}}.{{role.name}}",
        aliases: [{ name: "aws-sso-profiles", account: "111111111111", role: "R" }],
      },
    });
    const m = modelOf([account("111111111111", "a/b", ["R"]), account("222222222222", "a-b", ["R"])], config);
    for (const shell of ["bash", "fish", "pwsh"] as const) {
      const fns = entries({ shell }, m).map((e) => e.fn);
      assert.equal(
        new Set(fns.map((f) => (shell === "pwsh" ? f.toLowerCase() : f))).size,
        fns.length,
        `${shell}: ${fns.join(" ")}`,
      );
      for (const f of fns)
        assert.match(f, shell === "pwsh" ? /^[A-Za-z_][A-Za-z0-9_.-]*$/ : /^[A-Za-z_][A-Za-z0-9_.:-]*$/);
    }
    assert.deepEqual(
      entries({ shell: "bash", prefix: "" }, m).map((e) => `${e.fn}=${e.profile}`),
      ["a-b.R=a-b.R", "a-b.R-2=a/b.R", "aws-sso-profiles-2=aws-sso-profiles"],
    );
    assert.deepEqual(
      entries(
        { shell: "pwsh", prefix: "" },
        modelOf([account("111111111111", "x", ["1:2"])], testConfig({ profiles: { name: "{{role.name}}" } })),
      ).map((e) => e.fn),
      ["aws-1-2"],
    );
  });
});
