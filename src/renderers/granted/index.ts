// Granted profiles, exactly as `granted sso populate` writes them (docs/internals/consumers.md 4):
// granted_sso_* keys, the ownership key `common_fate_generated_from = aws-sso` (what `--prune` looks for) and
// the credential_process line Granted validates. With `credentialProcess: false`, the plain sso_* form that
// `--no-credential-process` writes. Key order follows awsconfigfile's structs, so a diff between the two
// tools' output shows only real differences.
import { z } from "zod";
import { template } from "../../core/config/rules.ts";
import { awsConfigFile } from "../../core/paths.ts";
import { outsideRegion } from "../../core/files/index.ts";
import { readSections } from "../ini-keys.ts";
import { defineRenderer, type RenderContext } from "../../core/render/contract.ts";
import { GRANTED_DEFAULT_TEMPLATE, grantedProfiles } from "./naming.ts";

const options = z.strictObject({
  prefix: z
    .string()
    .regex(
      /^[A-Za-z0-9_\-@+.%:/]*$/,
      "may only use letters, digits and '_-@+.%:/' (Granted's --prefix rule, plus the JS SDK's)",
    )
    .default("")
    .describe("Put before every profile name, like `granted sso populate --prefix`."),
  profileTemplate: template()
    .default(GRANTED_DEFAULT_TEMPLATE)
    .describe(
      "Profile name template (Handlebars; account.name has spaces replaced by '-', as Granted does).",
    ),
  credentialProcess: z
    .boolean()
    .default(true)
    .describe("false: write plain sso_* keys without credential_process (`--no-credential-process`)."),
});
type Options = z.output<typeof options>;

/** Sections `granted sso populate` wrote for our start URLs, outside our region: they shadow ours. */
function populated(existing: string, ctx: RenderContext<Options>): string[] {
  const urls = new Set(ctx.model.sessions.map((s) => s.startUrl));
  const theirs = readSections(outsideRegion(existing, ctx.output)).filter((s) => {
    const url = s.keys.get("granted_sso_start_url") ?? s.keys.get("sso_start_url");
    return s.keys.has("common_fate_generated_from") && url !== undefined && urls.has(url);
  });
  if (theirs.length === 0) return [];
  return [
    `${theirs.length} profile(s) written by \`granted sso populate\` are outside the managed region (first: [${theirs[0]?.header ?? ""}]); ` +
      "same-named ones are left to Granted. To hand them over, delete those sections and sync again",
  ];
}

export const granted = defineRenderer<Options>({
  id: "granted",
  description:
    "Granted profiles (granted_sso_* + granted credential-process), as `granted sso populate` writes them",
  template: "granted.hbs",
  defaultFile: (env) => awsConfigFile(env),
  mode: { kind: "region", comment: "#", format: "ini" },
  options,
  context: ({ model, options: o }) => ({
    grantedProfiles: grantedProfiles(model, o.prefix, o.profileTemplate),
  }),
  inspect: (existing, ctx) => {
    const warnings: string[] = [];
    grantedProfiles(ctx.model, ctx.options.prefix, ctx.options.profileTemplate, warnings);
    return [...warnings, ...populated(existing, ctx)];
  },
});
