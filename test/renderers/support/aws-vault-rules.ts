// How aws-vault resolves a profile from the AWS config file, implemented from its source so that every
// generated profile can be checked (99designs/aws-vault vault/config.go: ConfigFile.ProfileSection,
// ConfigLoader.populateFromConfigFile; v6.x before sso_session, v7.x with it):
// - `[profile NAME]` (or `[default]`) is mapped field by field (keys case-insensitive);
// - each field is taken from the profile only where still empty; v7: when the profile names an
//   sso_session, the [sso-session NAME] section's sso_start_url / sso_region are taken first (they win
//   over the inline keys);
// - then include_profile is followed, else [default] (for every profile but default itself): a key the
//   profile lacks is inherited from [default];
// - the SSO role provider is used when sso_start_url is set and no role_arn / source_profile takes
//   precedence; web identity and credential_process come after SSO (vault.go getProviderForConfig order).
import type { GoIniFile } from "./goini.ts";

export interface VaultProfile {
  ssoSession: string;
  ssoStartUrl: string;
  ssoRegion: string;
  ssoAccountId: string;
  ssoRoleName: string;
  region: string;
  roleArn: string;
  sourceProfile: string;
  credentialProcess: string;
  webIdentityTokenFile: string;
}

const FIELDS: Array<[keyof VaultProfile, string]> = [
  ["region", "region"],
  ["roleArn", "role_arn"],
  ["sourceProfile", "source_profile"],
  ["ssoStartUrl", "sso_start_url"],
  ["ssoRegion", "sso_region"],
  ["ssoAccountId", "sso_account_id"],
  ["ssoRoleName", "sso_role_name"],
  ["webIdentityTokenFile", "web_identity_token_file"],
  ["credentialProcess", "credential_process"],
];

export function resolveVaultProfile(file: GoIniFile, name: string, version: 6 | 7): VaultProfile {
  const cfg: VaultProfile = {
    ssoSession: "",
    ssoStartUrl: "",
    ssoRegion: "",
    ssoAccountId: "",
    ssoRoleName: "",
    region: "",
    roleArn: "",
    sourceProfile: "",
    credentialProcess: "",
    webIdentityTokenFile: "",
  };
  const visited = new Set<string>();
  const populate = (profile: string): void => {
    if (visited.has(profile)) throw new Error(`Loop detected in config file for profile '${profile}'`);
    visited.add(profile);
    const keys =
      file.section(profile === "default" ? "default" : `profile ${profile}`)?.keys ??
      new Map<string, string>();
    const get = (k: string) => keys.get(k) ?? "";
    if (version >= 7 && cfg.ssoSession === "") {
      cfg.ssoSession = get("sso_session");
      if (cfg.ssoSession !== "") {
        const s = file.section(`sso-session ${cfg.ssoSession}`);
        if (s) {
          cfg.ssoStartUrl = s.keys.get("sso_start_url") ?? "";
          cfg.ssoRegion = s.keys.get("sso_region") ?? "";
        }
      }
    }
    for (const [field, key] of FIELDS) if (cfg[field] === "") cfg[field] = get(key);
    const include = get("include_profile");
    if (include !== "") populate(include);
    else if (profile !== "default") populate("default");
  };
  populate(name);
  return cfg;
}

/** Problems that stop aws-vault from using its SSO provider for this profile with these values. */
export function vaultSsoProblems(
  p: VaultProfile,
  want: { startUrl: string; ssoRegion: string; accountId: string; roleName: string },
): string[] {
  const problems: string[] = [];
  // Stored keys and source_profile come before SSO, and a role_arn is then assumed from those
  // credentials; web identity and credential_process come after SSO (vault.go provider order).
  for (const [field, why] of [
    ["roleArn", "role_arn"],
    ["sourceProfile", "source_profile"],
  ] as const) {
    if (p[field] !== "") problems.push(`${why} = ${p[field]} takes precedence over SSO`);
  }
  const got = {
    startUrl: p.ssoStartUrl,
    ssoRegion: p.ssoRegion,
    accountId: p.ssoAccountId,
    roleName: p.ssoRoleName,
  };
  for (const k of ["startUrl", "ssoRegion", "accountId", "roleName"] as const) {
    if (got[k] !== want[k]) problems.push(`${k}: aws-vault reads "${got[k]}", expected "${want[k]}"`);
  }
  return problems;
}
