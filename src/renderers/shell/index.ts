// Shell functions, one per profile, for bash/zsh, fish or PowerShell (docs/internals/consumers.md 5), plus
// `aws-sso-profiles` (list), `aws-sso-use NAME` (pick) and `aws-sso-clear`. One output per shell, each in
// its own file that the rc file sources (`aws-sso-sync shell-init SHELL` prints the line). Functions rather
// than aliases: they work in non-interactive shells too and take arguments; only bash's POSIX mode gets
// aliases (docs/internals/granted-aws-vault-shells.md 3). Every value from the API is quoted for the shell
// by the template's sh / fish / pwsh helpers; names are plain words (names.ts).
import { join } from "node:path";
import { z } from "zod";
import { xdgConfigHome, type Env } from "../../core/paths.ts";
import { shQuote } from "../../core/render/helpers.ts";
import { defineRenderer } from "../../core/render/contract.ts";
import { functionName, uniqueNames, type Shell } from "./names.ts";

export const SHELLS = ["bash", "zsh", "fish", "pwsh"] as const;
const EXT: Record<Shell, string> = { bash: "bash", zsh: "zsh", fish: "fish", pwsh: "ps1" };

const options = z.strictObject({
  shell: z.enum(SHELLS).default("bash").describe("Which shell the file is for (one output per shell)."),
  action: z
    .enum(["export", "aws-vault", "assume"])
    .default("export")
    .describe(
      "What each function does: set AWS_PROFILE, run `aws-vault exec NAME -- ARGS`, or Granted's `assume NAME`.",
    ),
  prefix: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]*$/, "may only use letters, digits and '_', '.', ':', '-'")
    .default("aws-")
    .describe("Put before every function name (aws-prod.AdministratorAccess)."),
  profilePrefix: z
    .string()
    .regex(/^[A-Za-z0-9_.\-/]*$/, "may only use letters, digits and '_', '.', '-', '/'")
    .default("")
    .describe(
      "Put before the profile name the function uses, e.g. vault- to target the aws-vault renderer's profiles.",
    ),
});
type Options = z.output<typeof options>;

/** The file a shell output writes when the config names none: ~/.config/aws-sso-sync/shell/aliases.<ext>. */
export function defaultShellFile(env: Env, shell: Shell): string {
  return join(xdgConfigHome(env), "aws-sso-sync", "shell", `aliases.${EXT[shell]}`);
}

/** Left by `assume`, `aws-vault exec` or an export; each wins over AWS_PROFILE, so switching clears them. */
const STALE_VARS = [
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_SECURITY_TOKEN",
  "AWS_CREDENTIAL_EXPIRATION",
  "AWS_SESSION_EXPIRATION",
  "AWS_DEFAULT_PROFILE",
] as const;
/** What the export action sets for a prompt to show. */
const PROMPT_VARS = [
  "AWS_SSO_SYNC_PROFILE",
  "AWS_SSO_SYNC_ACCOUNT",
  "AWS_SSO_SYNC_ACCOUNT_ID",
  "AWS_SSO_SYNC_ROLE",
] as const;
/** Everything `aws-sso-clear` unsets: credentials, profile selection, prompt variables. */
const CLEAR_VARS = [...STALE_VARS, "AWS_PROFILE", ...PROMPT_VARS] as const;

// Control characters would break a listing line or a description; they are data, so show them as "?".
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const display = (s: string): string => s.replace(/[\u0000-\u001f\u007f]/g, "?");
// Completion word lists are expanded by bash (`complete -W`) and fish (`complete -a`): plain words only.
const PLAIN_WORD = /^[A-Za-z0-9_.\-/:@+%]+$/;

export const shell = defineRenderer<Options>({
  id: "shell",
  description:
    "Shell functions per profile (bash, zsh, fish, PowerShell) plus aws-sso-profiles / aws-sso-use",
  template: "shell.hbs",
  partials: {
    "shell-posix": "shell-posix.hbs",
    "shell-fish": "shell-fish.hbs",
    "shell-pwsh": "shell-pwsh.hbs",
  },
  defaultFile: (env, o) => defaultShellFile(env, o.shell),
  mode: { kind: "file", format: "text" },
  rendersProfiles: true,
  options,
  context: ({ model, options: o }) => {
    const targets = model.profiles.map((p) => `${o.profilePrefix}${p.name}`);
    const fns = uniqueNames(targets, (t) => functionName(o.prefix, t, o.shell), o.shell === "pwsh");
    const shellProfiles = model.profiles.map((p, i) => ({
      fn: fns[i] ?? "",
      profile: targets[i] ?? p.name,
      accountId: p.accountId,
      accountName: display(p.accountName),
      roleName: display(p.roleName),
      // bash POSIX mode's alias for this name: the alias value is code, so the quoted call is quoted again.
      posixAlias: shQuote(`_aws_sso_sync_use ${shQuote(targets[i] ?? p.name)}`),
      description: display(
        `AWS profile ${targets[i] ?? p.name}: ${p.accountName} (${p.accountId}) ${p.roleName}`,
      ),
    }));
    // Windows PowerShell 5.1 reads a BOM-less script as ANSI, where bytes of UTF-8 text can turn into quotes.
    const bom = o.shell === "pwsh" ? "\uFEFF" : "";
    return {
      shellProfiles,
      bom,
      completionWords: targets.filter((t) => PLAIN_WORD.test(t)).join(" "),
      staleVars: STALE_VARS,
      clearVars: CLEAR_VARS,
    };
  },
});
