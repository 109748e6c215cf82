// `granted sso populate` on a go-ini file (common-fate/awsconfigfile v0.10 Merge, as documented in its
// README and code comments): with --prune every section marked `common_fate_generated_from = aws-sso` for
// the same start URL that is not generated again is deleted, with the comments kept for it; then, in the
// order of "AccountName/RoleName", each profile's section is deleted (comments too) and created anew at the
// end of the file. The name is the prefix plus the account name with spaces turned into "-", "/", the role.
import type { GoFile, GoKey } from "./goini-save.ts";

export interface PopulateProfile {
  accountId: string;
  accountName: string;
  roleName: string;
}

export interface PopulateOptions {
  startUrl: string;
  ssoRegion: string;
  prefix?: string;
  prune?: boolean;
}

const key = (name: string, value: string): GoKey => ({ name, value, comment: [] });

export function populate(file: GoFile, profiles: PopulateProfile[], opts: PopulateOptions): void {
  const sorted = [...profiles].sort((a, b) =>
    `${a.accountName}/${a.roleName}` < `${b.accountName}/${b.roleName}` ? -1 : 1,
  );
  const nameOf = (p: PopulateProfile) =>
    `${opts.prefix ?? ""}${p.accountName.replace(/ /g, "-")}/${p.roleName}`;
  const fresh = new Set(sorted.map((p) => `profile ${nameOf(p)}`));
  const value = (s: GoFile["sections"][number], k: string) => s.keys.find((x) => x.name === k)?.value;
  if (opts.prune)
    file.sections = file.sections.filter((s) => {
      const url = value(s, "granted_sso_start_url") ?? value(s, "sso_start_url");
      const ours = value(s, "common_fate_generated_from") === "aws-sso" && url === opts.startUrl;
      return !ours || fresh.has(s.name);
    });
  for (const p of sorted) {
    const name = nameOf(p);
    file.sections = file.sections.filter((s) => s.name !== `profile ${name}`);
    file.sections.push({
      name: `profile ${name}`,
      comment: [],
      keys: [
        key("granted_sso_start_url", opts.startUrl),
        key("granted_sso_region", opts.ssoRegion),
        key("granted_sso_account_id", p.accountId),
        key("granted_sso_role_name", p.roleName),
        key("common_fate_generated_from", "aws-sso"),
        key("credential_process", `granted credential-process --profile ${name}`),
      ],
    });
  }
}
