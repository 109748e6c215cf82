// The shell renderer and the environment it leaves, in real bash, zsh and fish with hostile names:
// switching clears credentials another tool left (botocore then uses the profile), aws-sso-clear forgets
// every AWS variable, and the readme's prompt line shows the choice as data, never as code.
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { Model } from "../../src/core/model/model.ts";
import { fishQuote, shQuote } from "../../src/core/render/helpers.ts";
import { shell as shellRenderer } from "../../src/renderers/shell/index.ts";
import { fileURLToPath } from "node:url";
import { AWS_CLI, awsCliSkip, botocoreSkip } from "../support/aws-cli.ts";
import { hostileModel } from "./support/hostile-shell.ts";
import { renderBuiltin } from "./support/render.ts";
import { runShell, shellSkip } from "./support/shells.ts";

/** The prompt lines the readme documents, verbatim. */
export const PROMPT_LINES = {
  bash: `PS1='\${AWS_SSO_SYNC_PROFILE:+($AWS_SSO_SYNC_ACCOUNT/$AWS_SSO_SYNC_ROLE) }'"$PS1"`,
  zsh: `setopt prompt_subst; PROMPT='\${AWS_SSO_SYNC_PROFILE:+(\${AWS_SSO_SYNC_ACCOUNT//\\%/%%}/$AWS_SSO_SYNC_ROLE) }'$PROMPT`,
  fish: `function fish_right_prompt; set -q AWS_SSO_SYNC_PROFILE; and printf '(%s/%s) ' $AWS_SSO_SYNC_ACCOUNT $AWS_SSO_SYNC_ROLE; end`,
} as const;

// What `assume` or an export leaves behind; the values are secrets and must never be printed.
// What the readme promises aws-sso-clear unsets, written out here (not the renderer's own list), so a
// variable dropped from the renderer fails the test.
const CLEARED = [
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_SECURITY_TOKEN",
  "AWS_CREDENTIAL_EXPIRATION",
  "AWS_SESSION_EXPIRATION",
  "AWS_DEFAULT_PROFILE",
  "AWS_PROFILE",
  "AWS_SSO_SYNC_PROFILE",
  "AWS_SSO_SYNC_ACCOUNT",
  "AWS_SSO_SYNC_ACCOUNT_ID",
  "AWS_SSO_SYNC_ROLE",
];
const STALE = {
  AWS_ACCESS_KEY_ID: "AKIASTALESTALESTALE1",
  AWS_SECRET_ACCESS_KEY: "stale-secret-value",
  AWS_SESSION_TOKEN: "stale-session-token",
  AWS_DEFAULT_PROFILE: "someone-elses",
};
// The JS SDK: the profile it picks and whether its env provider still finds credentials.
const JS = [
  `const r = require("node:module").createRequire(process.env.REPO_PACKAGE);`,
  `const profile = r("@smithy/shared-ini-file-loader").getProfileName({});`,
  `r("@aws-sdk/credential-provider-env").fromEnv()().then(`,
  `  () => console.log("JS", profile, "env-credentials"),`,
  `  () => console.log("JS", profile, "no-env-credentials"));`,
].join("\n");
const BOTO = [
  "import botocore.credentials, botocore.session",
  "env = botocore.credentials.EnvProvider().load()",
  "print('BOTO', botocore.session.get_session().profile, 'env-credentials' if env else 'no-env-credentials')",
].join("\n");

let dir: string;
let canary: string;
let model: Model;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "aws-sso-sync-shell-env-"));
  canary = join(dir, "canary");
  model = hostileModel(canary);
});
after(() => rm(dir, { recursive: true, force: true }));

interface Entry {
  fn: string;
  profile: string;
  accountName: string;
  roleName: string;
}
function entries(shell: string): Entry[] {
  const options = shellRenderer.options?.parse({ shell }) ?? {};
  const ctx = shellRenderer.context?.({ model, options, output: "shell", env: {} }) as {
    shellProfiles: Entry[];
  };
  return ctx.shellProfiles;
}
const canaryAbsent = async () =>
  assert.equal(await stat(canary).catch(() => null), null, "the canary file was created: a name ran as code");

for (const shell of ["bash", "zsh", "fish"] as const) {
  const skip = shellSkip(shell);
  const q = shell === "fish" ? fishQuote : shQuote;
  const load = shell === "fish" ? "source" : ".";
  const show = (v: string) => (shell === "fish" ? `"$${v}"` : `"\${${v}-}"`);
  describe(`shell renderer in ${shell}: the environment it leaves`, () => {
    let file: string;
    before(async () => {
      file = join(dir, `env-${shell}`);
      await writeFile(file, await renderBuiltin("shell", { shell }, model));
    });

    test(
      "switching clears stale credentials, says so once, and botocore then uses the profile",
      { skip: skip || botocoreSkip() || awsCliSkip() },
      async () => {
        const [first, second] = entries(shell);
        assert.ok(first && second);
        const config = join(dir, `config-${shell}`);
        await writeFile(config, await renderBuiltin("aws-config", {}, model));
        const script = [
          `${load} ${q(file)}`,
          first.fn,
          `printf 'PROFILE %s\\n' ${show("AWS_PROFILE")}`,
          `python3 -c ${show("BOTO_CHECK")}`,
          `node -e ${show("JS_CHECK")}`,
          // The AWS CLI v2 names where each setting came from; no token exists, so it stops after that.
          `${q(AWS_CLI)} configure list 2>/dev/null | grep -E '^ *(profile|access_key) '`,
          `aws-sso-use ${q(second.profile)}`,
          `printf 'PROFILE %s\\n' ${show("AWS_PROFILE")}`,
        ].join("\n");
        const env = {
          HOME: dir,
          AWS_CONFIG_FILE: config,
          BOTO_CHECK: BOTO,
          JS_CHECK: JS,
          REPO_PACKAGE: fileURLToPath(new URL("../../package.json", import.meta.url)),
          ...STALE,
        };
        const r = await runShell(shell, script, env, dir);
        assert.equal(
          r.stderr,
          "aws-sso-sync: cleared AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_DEFAULT_PROFILE (they would override AWS_PROFILE)\n",
          "one line, naming the variables and never their values",
        );
        const lines = r.stdout.trimEnd().split("\n");
        assert.deepEqual(lines.slice(0, 3), [
          `PROFILE ${first.profile}`,
          `BOTO ${first.profile} no-env-credentials`,
          `JS ${first.profile} no-env-credentials`,
        ]);
        assert.match(lines[3] ?? "", new RegExp(`^ *profile +${first.profile.replace(/\./g, "\\.")} +env `));
        assert.deepEqual(lines.slice(4), [`PROFILE ${second.profile}`], "no access_key from the environment");
        await canaryAbsent();
      },
    );

    test("aws-sso-clear unsets every AWS credential, profile and prompt variable", { skip }, async () => {
      const readme = await readFile(new URL("../../src/renderers/shell/readme.md", import.meta.url), "utf8");
      for (const v of CLEARED) assert.ok(readme.includes(`\`${v}\``), `the readme names ${v}`);
      const env = Object.fromEntries(CLEARED.map((v) => [v, "x"]));
      const script = [
        `${load} ${q(file)}`,
        "aws-sso-clear",
        ...[...CLEARED, "AWS_REGION", "AWS_CONFIG_FILE"].map((v) =>
          shell === "fish" ? `set -q ${v}; and echo SET ${v}` : `[ -z "\${${v}+x}" ] || echo SET ${v}`,
        ),
      ].join("\n");
      const r = await runShell(
        shell,
        script,
        { HOME: dir, AWS_REGION: "eu-west-1", AWS_CONFIG_FILE: join(dir, "config"), ...env },
        dir,
      );
      assert.equal(r.stderr, "");
      assert.deepEqual(
        r.stdout.trimEnd().split("\n"),
        ["SET AWS_REGION", "SET AWS_CONFIG_FILE"],
        "region and config file are kept",
      );
    });

    test("the readme's prompt line shows the account and role chosen, as data", { skip }, async () => {
      const readme = await readFile(new URL("../../src/renderers/shell/readme.md", import.meta.url), "utf8");
      assert.ok(readme.includes(PROMPT_LINES[shell]), `the readme shows the ${shell} line`);
      const render =
        shell === "bash"
          ? [`PS1='$ '`, PROMPT_LINES.bash, "aws-sso-use %P", `printf '%s\\n' "\${PS1@P}"`]
          : shell === "zsh"
            ? [`PROMPT='%% '`, PROMPT_LINES.zsh, "aws-sso-use %P", `print -rP -- "$PROMPT"`]
            : [PROMPT_LINES.fish, "aws-sso-use %P", "fish_right_prompt; echo"];
      for (const e of entries(shell)) {
        const script = [`${load} ${q(file)}`, ...render].join("\n").replace("%P", q(e.profile));
        const r = await runShell(shell, script, { HOME: dir }, dir);
        assert.equal(r.stderr, "");
        const base = shell === "bash" ? "$ " : shell === "zsh" ? "% " : "";
        assert.equal(r.stdout, `(${e.accountName}/${e.roleName}) ${base}\n`, e.profile);
      }
      await canaryAbsent();
    });
  });
}
