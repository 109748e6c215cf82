// The rules Granted applies when it reads a profile back, implemented from its source so that every
// generated section can be checked against them (fwdcloudsec/granted @1471a4e):
// - pkg/cfaws/profiles.go: loadConfigFile keeps `[profile NAME]` (len > 8) and `[default]` whose name passes
//   IsLegalProfileName (no \ [ ] ; ' " or space); LoadInitialisedProfile treats a section holding any key
//   with prefix `granted_sso_` as a Granted SSO profile (hasGrantedSSOPrefix, granted_config.go).
// - pkg/cfaws/granted_config.go: IsValidGrantedProfile requires granted_sso_account_id and
//   granted_sso_role_name; ParseGrantedSSOProfile takes granted_sso_region / granted_sso_start_url (or an
//   sso_session's), checks the URL with url.ParseRequestURI, trims one trailing "/", and unless
//   granted_skip_credential_process_validation is true requires credential_process to match
//   validateCredentialProcess's regex with `--profile` equal to the profile's own name.
// - pkg/cfaws/profiles.go: SSOScopes splits granted_sso_registration_scopes on ","; CustomGrantedProperty
//   returns the value of `granted_NAME` (granted_color, granted_icon, …) for any profile.
// A section without granted_sso_ keys is read by the AWS SDK for Go: for SSO it needs sso_account_id,
// sso_role_name and either sso_session or sso_start_url + sso_region (config/shared_config.go).
import type { GoIniFile } from "./goini.ts";

export interface GrantedProfileView {
  name: string;
  kind: "granted-sso" | "sso";
  startUrl: string;
  ssoRegion: string;
  accountId: string;
  roleName: string;
  region: string | undefined;
  /** SSOScopes(): the registration scopes Granted asks for when it logs in itself. */
  scopes: string[] | undefined;
  /** CustomGrantedProperty: every granted_NAME key that is not a granted_sso_ key. */
  custom: Record<string, string>;
}

function grantedExtras(k: Map<string, string>): Pick<GrantedProfileView, "scopes" | "custom"> {
  const raw = k.get("granted_sso_registration_scopes");
  const custom = Object.fromEntries(
    [...k].filter(([key]) => key.startsWith("granted_") && !key.startsWith("granted_sso_")),
  );
  return { scopes: raw === undefined ? undefined : raw.split(","), custom };
}

const ILLEGAL = /[\\[\];'" ]/;
const CREDENTIAL_PROCESS =
  /^(\s+)?(?:\S*[\\/])?(dgranted|granted)(\.exe)?\s+credential-process.*--profile\s+(?<PName>([^\s]+))/;

/** Go's url.ParseRequestURI: an absolute URI (scheme:…) or an absolute path; no fragment allowed. */
function parseRequestUri(raw: string): boolean {
  if (raw.startsWith("/")) return true;
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(raw)) return false;
  try {
    new URL(raw);
    return true;
  } catch {
    return false;
  }
}

/** Profile names Granted lists (loadConfigFile), whatever they hold. */
export function grantedProfileNames(file: GoIniFile): string[] {
  return file.sections
    .filter((s) => (s.name.startsWith("profile ") && s.name.length > 8) || s.name === "default")
    .map((s) => s.name.replace(/^profile /, ""))
    .filter((n) => !ILLEGAL.test(n));
}

/** Reads profile `name` the way Granted does; throws with Granted's complaint when it would refuse it. */
export function readGrantedProfile(file: GoIniFile, name: string): GrantedProfileView {
  if (ILLEGAL.test(name))
    throw new Error(`Granted skips "${name}": the name holds one of \\][;'" or a space`);
  const sec = file.section(name === "default" ? "default" : `profile ${name}`);
  if (!sec) throw new Error(`no [profile ${name}]`);
  const k = sec.keys;
  const session = k.get("sso_session") ? file.section(`sso-session ${k.get("sso_session")}`) : undefined;
  if ([...k.keys()].some((key) => key.startsWith("granted_sso_"))) {
    for (const req of ["granted_sso_account_id", "granted_sso_role_name"]) {
      if (!k.has(req))
        throw new Error(`invalid aws config for granted login. '${req}' field must be provided`);
    }
    const ssoRegion = k.get("granted_sso_region") ?? session?.keys.get("sso_region");
    const rawUrl = k.get("granted_sso_start_url") ?? session?.keys.get("sso_start_url");
    if (!ssoRegion) throw new Error("granted_sso_region missing (and no sso_session)");
    if (rawUrl === undefined) throw new Error("granted_sso_start_url missing (and no sso_session)");
    const startUrl = rawUrl.replace(/\/$/, "");
    if (!parseRequestUri(rawUrl))
      throw new Error(`invalid value '${startUrl}' provided for 'granted_sso_start_url'`);
    const skip = k.get("granted_skip_credential_process_validation");
    if (!(skip !== undefined && /^(1|t|true|y|yes|on)$/i.test(skip))) {
      const cp = k.get("credential_process");
      if (cp === undefined) throw new Error("credential_process missing");
      const m = CREDENTIAL_PROCESS.exec(cp);
      if (!m) throw new Error("unable to parse 'credential_process'");
      if (m.groups?.PName !== name)
        throw new Error(`unmatched profile names: '${m.groups?.PName ?? ""}' vs '${name}'`);
    }
    return {
      name,
      kind: "granted-sso",
      startUrl,
      ssoRegion,
      accountId: k.get("granted_sso_account_id") ?? "",
      roleName: k.get("granted_sso_role_name") ?? "",
      region: k.get("region"),
      ...grantedExtras(k),
    };
  }
  const startUrl = k.get("sso_start_url") ?? session?.keys.get("sso_start_url");
  const ssoRegion = k.get("sso_region") ?? session?.keys.get("sso_region");
  const accountId = k.get("sso_account_id");
  const roleName = k.get("sso_role_name");
  if (!startUrl || !ssoRegion || !accountId || !roleName)
    throw new Error(`[profile ${name}] is not a complete SSO profile`);
  return {
    name,
    kind: "sso",
    startUrl,
    ssoRegion,
    accountId,
    roleName,
    region: k.get("region"),
    ...grantedExtras(k),
  };
}
