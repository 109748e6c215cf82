// aws-vault profiles (docs/internals/consumers.md 3): inline sso_start_url / sso_region / sso_account_id /
// sso_role_name, which every aws-vault from v6.0.0 on reads, plus `sso_session` (v7+) when asked. aws-vault
// reads only the AWS config file, so that is the default target; a name prefix keeps these profiles apart
// from the aws-config renderer's profiles in the same file. profiles.extraKeys and the output's own extraKeys
// follow, as in the aws-config output: aws-vault maps the keys it knows and ignores the rest
// (docs/internals/consumers.md 3).
import { z } from "zod";
import { awsConfigFile } from "../../core/paths.ts";
import { readSections } from "../ini-keys.ts";
import { bytenessRewrites, defaultChanges } from "./inspect.ts";
import { defineRenderer, type RenderContext } from "../../core/render/contract.ts";
import { extraKeysOption, mergeExtraKeys } from "../extra-keys.ts";

/** Every key the template writes into a profile; extra keys cannot repeat them (profiles.extraKeys refuses them too). */
const VAULT_WRITTEN_KEYS: ReadonlySet<string> = new Set([
  "sso_session",
  "sso_start_url",
  "sso_region",
  "sso_account_id",
  "sso_role_name",
  "region",
]);

const options = z.strictObject({
  prefix: z
    .string()
    .regex(
      /^[A-Za-z0-9_.\-/]*$/,
      "may only use letters, digits and '_', '.', '-', '/' (profile names must stay safe)",
    )
    .default("vault-")
    .describe("Put before every profile name, so these profiles never collide with the aws-config ones."),
  ssoSession: z
    .boolean()
    .default(false)
    .describe("Also write `sso_session = NAME` (aws-vault 7+). The inline keys stay, for aws-vault 6."),
  writeSessions: z
    .boolean()
    .default(false)
    .describe(
      "Write the [sso-session] sections too (only when no aws-config output writes them to this file).",
    ),
  extraKeys: extraKeysOption(VAULT_WRITTEN_KEYS, "aws-vault", "mfa_serial: arn:aws:iam::111111111111:mfa/me"),
});
type Options = z.output<typeof options>;

function missingSessions(existing: string, ctx: RenderContext<Options>): string[] {
  if (!ctx.options.ssoSession || ctx.options.writeSessions) return [];
  const present = new Set(readSections(existing).map((s) => s.header.replace(/\s+/g, " ")));
  return ctx.model.sessions
    .filter((s) => !present.has(`sso-session ${s.name}`))
    .map(
      (s) =>
        `profiles name sso_session = ${s.name} but the file has no [sso-session ${s.name}] (enable the aws-config output for this file, or set writeSessions: true)`,
    );
}

export const awsVault = defineRenderer<Options>({
  id: "aws-vault",
  description:
    "aws-vault profiles (inline sso_* keys for v6+, optional sso_session for v7+) in ~/.aws/config",
  template: "aws-vault.hbs",
  defaultFile: (env) => awsConfigFile(env),
  mode: { kind: "region", comment: "#", format: "ini" },
  options,
  context: ({ model, options: o }) => ({
    vaultProfiles: model.profiles.map((p) => ({
      ...p,
      name: `${o.prefix}${p.name}`,
      vaultExtra: mergeExtraKeys(p.extra, o.extraKeys, VAULT_WRITTEN_KEYS),
    })),
  }),
  inspect: (existing, ctx) => [
    ...defaultChanges(existing, ctx.model, ctx.options.ssoSession),
    ...missingSessions(existing, ctx),
    ...(ctx.options.ssoSession ? bytenessRewrites(ctx.model, ctx.env) : []),
  ],
});
