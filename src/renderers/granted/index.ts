// Granted profiles, exactly as `granted sso populate` writes them (docs/internals/consumers.md 4):
// granted_sso_* keys, the ownership key `common_fate_generated_from = aws-sso` (what `--prune` looks for) and
// the credential_process line Granted validates. With `credentialProcess: false`, the plain sso_* form that
// `--no-credential-process` writes. Key order follows awsconfigfile's structs, so a diff between the two
// tools' output shows only real differences; region and extra keys come after
// (docs/internals/granted-aws-vault-shells.md 1).
import { awsConfigFile } from "../../core/paths.ts";
import { outsideRegion } from "../../core/files/index.ts";
import { readSections } from "../ini-keys.ts";
import { defineRenderer, type RenderContext } from "../../core/render/contract.ts";
import { grantedProfiles, type LeftToGranted } from "./naming.ts";
import { GRANTED_WRITTEN_KEYS, grantedOptions, type GrantedOptions as Options } from "./options.ts";
import { clashingExtraKeys, mergeExtraKeys } from "../extra-keys.ts";

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

/** `names: granted` leaves these out; say whether populate's own section still serves them. */
function leftOut(left: LeftToGranted[], existing: string): string[] {
  const first = left[0];
  if (!first) return [];
  const present = new Set(readSections(existing).map((s) => s.header.replace(/^profile\s+/, "")));
  // A name holding \ [ ] ; ' " or a space is skipped by Granted too (and a quote by botocore's shlex).
  const kept = left.filter((l) => present.has(l.exactName) && !/[\\[\];'" ]/.test(l.exactName)).length;
  return [
    `${left.length} profile(s) have a Granted name the JS SDK cannot read and are not written (names: granted; first: "${first.exactName}"); ` +
      `${kept} of them are served by the section \`granted sso populate\` wrote (Granted, botocore and the AWS CLI read it, the JS SDK does not). ` +
      "Run `granted sso populate` for the others, or set names: portable",
  ];
}

export const granted = defineRenderer<Options>({
  id: "granted",
  description:
    "Granted profiles (granted_sso_* + granted credential-process), as `granted sso populate` writes them",
  template: "granted.hbs",
  defaultFile: (env) => awsConfigFile(env),
  mode: { kind: "region", comment: "#", format: "ini" },
  options: grantedOptions,
  context: (ctx) => {
    const scopes = new Map(ctx.model.sessions.map((s) => [s.name, s.scopes.join(",")]));
    return {
      grantedProfiles: grantedProfiles(ctx.model, ctx.options).map((p) => ({
        ...p,
        scopes: scopes.get(p.session) ?? "",
        grantedExtra: mergeExtraKeys(p.extra, ctx.options.extraKeys, GRANTED_WRITTEN_KEYS),
      })),
    };
  },
  inspect: (existing, ctx) => {
    const warnings: string[] = [];
    const left: LeftToGranted[] = [];
    grantedProfiles(ctx.model, ctx.options, warnings, left);
    return [
      ...warnings,
      ...leftOut(left, existing),
      ...clashingExtraKeys(ctx.model, GRANTED_WRITTEN_KEYS, "granted"),
      ...populated(existing, ctx),
    ];
  },
});
