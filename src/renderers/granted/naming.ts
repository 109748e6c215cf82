// Granted's profile names. `granted sso populate` renders `{{ .AccountName }}/{{ .RoleName }}` with every
// space in the account name replaced by "-" (common-fate/awsconfigfile awscfg.go, normalizeAccountName) and
// puts --prefix in front. We do the same, then replace each character that some reader refuses by "-":
// Granted skips names holding \ ] [ ; ' " or a space (cfaws/profiles.go IsLegalProfileName), and the JS SDK
// drops names outside [\w-@+.%:/]. Names made of letters, digits, spaces and `_-@+.%:/` stay exactly
// Granted's, so switching between the two tools keeps every section name. With `names: granted` a name
// holding anything else is not written at all (our file check refuses a section the JS SDK cannot see),
// and is left to populate (docs/internals/granted-aws-vault-shells.md 1).
import { fingerprint, qualifyClashes, type Naming } from "../../core/model/collisions.ts";
import type { Model, ModelProfile } from "../../core/model/model.ts";
import { createEngine } from "../../core/render/engine.ts";

/** Characters every reader accepts in a profile name (the JS SDK's set, which Granted and botocore allow). */
const GRANTED_NAME_RE = /^[A-Za-z0-9_\-@+.%:/]+$/;

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

export interface NamingOptions {
  prefix: string;
  profileTemplate: string;
  names: "portable" | "granted";
}

/** Profiles `names: granted` leaves out: their exact Granted name is outside the JS SDK's set. */
export interface LeftToGranted {
  exactName: string;
  profile: ModelProfile;
}

/** The model's account × role profiles (aliases left out: Granted has no aliases) under Granted's names. */
export function grantedProfiles(
  model: Model,
  o: NamingOptions,
  warnings: string[] = [],
  left: LeftToGranted[] = [],
): GrantedProfile[] {
  const { prefix, profileTemplate: template } = o;
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
      const exact = `${prefix}${name}`;
      if (o.names === "granted" && exact !== "" && !GRANTED_NAME_RE.test(exact)) {
        left.push({ exactName: exact, profile: p });
        return undefined;
      }
      return {
        ...p,
        grantedName: safeGrantedName(exact) || `${p.accountId}/${safeGrantedName(p.roleName)}`,
      };
    })
    .filter((p): p is GrantedProfile => p !== undefined);
  qualify(out, warnings);
  return out.sort((a, b) => (a.grantedName < b.grantedName ? -1 : a.grantedName > b.grantedName ? 1 : 0));
}
