// Granted's profile names. `granted sso populate` renders `{{ .AccountName }}/{{ .RoleName }}` with every
// space in the account name replaced by "-" (common-fate/awsconfigfile awscfg.go, normalizeAccountName) and
// puts --prefix in front. We do the same, then replace each character that some reader refuses by "-":
// Granted skips names holding \ ] [ ; ' " or a space (cfaws/profiles.go IsLegalProfileName), and the JS SDK
// drops names outside [\w-@+.%:/]. Names made of letters, digits, spaces and `_-@+.%:/` stay exactly
// Granted's, so switching between the two tools keeps every section name.
import { fingerprint, qualifyClashes, type Naming } from "../../core/model/collisions.ts";
import type { Model, ModelProfile } from "../../core/model/model.ts";
import { createEngine } from "../../core/render/engine.ts";

export const GRANTED_DEFAULT_TEMPLATE = "{{account.name}}/{{role.name}}";

export interface GrantedProfile extends ModelProfile {
  /** The Granted profile name (what `assume NAME` takes). */
  grantedName: string;
}

/** Accents dropped (é → e), then every other refused character → "-" one for one (no collapsing, as
 * Granted's own space → "-"), and no leading "-" (it would read as a flag in `assume -x`). */
function safeGrantedName(raw: string): string {
  return raw
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9_\-@+.%:/]/g, "-")
    .replace(/^-+/, "");
}

const GRANTED_NAME: Naming<GrantedProfile> = {
  get: (p) => p.grantedName,
  set: (p, n) => (p.grantedName = n),
  what: "Granted profile name",
};

/** Every member of a clashing group is qualified (account id, then session, then a hash): none is dropped. */
function qualify(profiles: GrantedProfile[], warnings: string[]): void {
  qualifyClashes(
    profiles,
    GRANTED_NAME,
    [
      (p) => safeGrantedName(`${p.grantedName}-${p.accountId}`),
      (p) => safeGrantedName(`${p.session}-${p.grantedName}`),
      (p) => safeGrantedName(`${p.grantedName}-${fingerprint(p, 6)}`),
    ],
    warnings,
  );
}

/** The model's account × role profiles (aliases left out: Granted has no aliases) under Granted's names. */
export function grantedProfiles(
  model: Model,
  prefix: string,
  template: string,
  warnings: string[] = [],
): GrantedProfile[] {
  const render = createEngine().compile(template, "granted option profileTemplate");
  const sessions = new Map(model.sessions.map((s) => [s.name, s]));
  const out = model.profiles
    .filter((p) => p.aliasOf === undefined)
    .map((p) => {
      const s = sessions.get(p.session);
      const name = render({
        account: { id: p.accountId, name: p.accountName.replace(/ /g, "-"), email: p.accountEmail },
        role: { name: p.roleName },
        session: { name: p.session, startUrl: p.startUrl, region: s?.ssoRegion ?? p.ssoRegion },
      });
      return {
        ...p,
        grantedName: safeGrantedName(`${prefix}${name}`) || `${p.accountId}/${safeGrantedName(p.roleName)}`,
      };
    });
  qualify(out, warnings);
  return out.sort((a, b) => (a.grantedName < b.grantedName ? -1 : a.grantedName > b.grantedName ? 1 : 0));
}
