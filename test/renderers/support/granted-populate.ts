// What `granted sso populate` does to a config file, as a reference to compare with (common-fate/
// awsconfigfile v0.10.0 awscfg.go Merge; fwdcloudsec/granted pkg/granted/sso.go): with --prune, delete every
// section holding common_fate_generated_from whose granted_sso_start_url (else sso_start_url) equals the
// start URL; then per profile: name = prefix + "{{ .AccountName }}/{{ .RoleName }}" with the account name's
// spaces replaced by "-", DeleteSection(name), NewSection(name) appended, keys in struct order. Released
// populate never writes `region` (no such field; `--default-region` is only in the unmerged granted#950).
import type { GoIniFile, GoIniSection } from "./goini.ts";

export interface PopulateProfile {
  startUrl: string;
  ssoRegion: string;
  accountId: string;
  accountName: string;
  roleName: string;
}

export function grantedPopulate(
  file: GoIniFile,
  profiles: PopulateProfile[],
  opts: { prefix?: string; noCredentialProcess?: boolean; pruneStartUrl?: string } = {},
): void {
  const prefix = opts.prefix ?? "";
  if (/[ \\\][;'"]/.test(prefix))
    throw new Error("profile prefix must not contain any of these illegal characters");
  if (opts.pruneStartUrl !== undefined) {
    for (const sec of [...file.sections]) {
      const url = sec.keys.get("granted_sso_start_url") ?? sec.keys.get("sso_start_url") ?? "";
      if (sec.keys.has("common_fate_generated_from") && url === opts.pruneStartUrl)
        file.sections.splice(file.sections.indexOf(sec), 1);
    }
  }
  for (const p of profiles) {
    const name = `${prefix}${p.accountName.replace(/ /g, "-")}/${p.roleName}`;
    const header = `profile ${name}`;
    const old = file.sections.findIndex((s) => s.name === header);
    if (old >= 0) file.sections.splice(old, 1);
    const entries: Array<[string, string]> = opts.noCredentialProcess
      ? [
          ["sso_start_url", p.startUrl],
          ["sso_region", p.ssoRegion],
          ["sso_account_id", p.accountId],
          ["common_fate_generated_from", "aws-sso"],
          ["sso_role_name", p.roleName],
        ]
      : [
          ["granted_sso_start_url", p.startUrl],
          ["granted_sso_region", p.ssoRegion],
          ["granted_sso_account_id", p.accountId],
          ["granted_sso_role_name", p.roleName],
          ["common_fate_generated_from", "aws-sso"],
          ["credential_process", `granted credential-process --profile ${name}`],
        ];
    const section: GoIniSection = { name: header, keys: new Map(entries) };
    file.sections.push(section);
  }
}

/** go-ini's SaveTo with PrettyFormat off: `key = value`, a blank line between sections, DEFAULT keys first. */
export function serializeGoIni(file: GoIniFile): string {
  return file.sections
    .filter((s) => s.name !== "DEFAULT" || s.keys.size > 0)
    .map(
      (s) =>
        `${s.name === "DEFAULT" ? "" : `[${s.name}]\n`}${[...s.keys].map(([k, v]) => `${k} = ${v}\n`).join("")}`,
    )
    .join("\n");
}
