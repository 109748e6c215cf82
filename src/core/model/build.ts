// Discovery results + config → the Model every renderer sees. Pure and deterministic: the same inputs give
// the same model, whatever order the API returned things in. Collisions are resolved by qualifying every
// clashing name (never by dropping one), and reported.
import { fingerprint, qualifyClashes, type Naming } from "./collisions.ts";
import picomatch from "picomatch";
import type { Config } from "../config/index.ts";
import {
  deepFreeze,
  MODEL_VERSION,
  type DiscoveredSession,
  type Model,
  type ModelProfile,
  type ModelSession,
} from "./model.ts";
import { createNamer, MAX_PROFILE_NAME, sanitizeProfileName } from "./naming.ts";
import type { Engine } from "../render/engine.ts";
import { displayText, iniValueProblem, quoted } from "../render/writable.ts";

export interface BuildResult {
  model: Model;
  warnings: string[];
}

type RegionRule = Config["profiles"]["regions"][number];
type AliasRule = Config["profiles"]["aliases"][number];

const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** An account selector is a 12-digit id or a glob on the account name (case-insensitive). */
function accountMatches(selector: string, account: { id: string; name: string }): boolean {
  if (/^\d{12}$/.test(selector)) return selector === account.id;
  return picomatch.isMatch(account.name, selector, { nocase: true, dot: true });
}

function ruleRegion(
  rules: RegionRule[],
  session: string,
  account: { id: string; name: string },
  role: string,
) {
  let region: string | undefined;
  for (const r of rules) {
    if (r.session !== undefined && r.session !== session) continue;
    if (r.account !== undefined && !accountMatches(r.account, account)) continue;
    if (r.role !== undefined && !picomatch.isMatch(role, r.role, { dot: true })) continue;
    region = r.region; // last match wins
  }
  return region;
}

export function buildModel(config: Config, discovered: DiscoveredSession[], engine: Engine): BuildResult {
  const warnings: string[] = [];
  const namer = createNamer(engine, config.profiles.name);
  const extra = Object.entries(config.profiles.extraKeys)
    .map(([key, value]) => ({ key, value: String(value) }))
    .sort((a, b) => (a.key < b.key ? -1 : 1));
  const found = new Map(discovered.map((d) => [d.session, d]));
  const sessions: ModelSession[] = [];
  const profiles: ModelProfile[] = [];

  for (const s of [...config.sessions].sort(byName)) {
    const disc = found.get(s.name);
    if (!disc) continue;
    const base = s.defaultRegion ?? s.region;
    const session: ModelSession = {
      name: s.name,
      startUrl: s.startUrl,
      ssoRegion: s.region,
      region: base,
      scopes: [...s.scopes],
      accounts: [],
    };
    const accounts = [...disc.accounts].sort(
      (a, b) => a.accountName.localeCompare(b.accountName, "en") || (a.accountId < b.accountId ? -1 : 1),
    );
    for (const a of accounts) {
      // Display fields never carry a control character into any file (docs/internals/content-safety.md).
      const acc = { id: a.accountId, name: displayText(a.accountName), email: displayText(a.emailAddress) };
      const roles = [...new Set(a.roles)].sort();
      const modelAccount = { ...acc, roles: [] as ModelSession["accounts"][number]["roles"] };
      for (const role of roles) {
        const why = unwritable(a.accountId, role);
        if (why) {
          warnings.push(
            `account ${a.accountId} (${quoted(a.accountName)}), role ${quoted(role)}: profile left out, ${why}`,
          );
          continue;
        }
        const region = ruleRegion(config.profiles.regions, s.name, acc, role) ?? base;
        const name = namer.name({
          session: { name: s.name, startUrl: s.startUrl, region: s.region },
          account: acc,
          role: { name: role },
        });
        const profile: ModelProfile = {
          name,
          session: s.name,
          startUrl: s.startUrl,
          ssoRegion: s.region,
          scopes: [...s.scopes],
          accountId: acc.id,
          accountName: acc.name,
          accountEmail: acc.email,
          roleName: role,
          region,
          extra,
          // Present though empty: templates may test it, and a strict context rejects absent fields.
          aliasOf: undefined,
        };
        profiles.push(profile);
        modelAccount.roles.push({ name: role, profile: name, region });
      }
      session.accounts.push(modelAccount);
    }
    sessions.push(session);
  }

  resolveCollisions(profiles, warnings);
  // Role entries point at their profile objects' final names.
  const final = new Map(profiles.map((p) => [`${p.session}\0${p.accountId}\0${p.roleName}`, p.name]));
  for (const s of sessions)
    for (const a of s.accounts)
      for (const r of a.roles) r.profile = final.get(`${s.name}\0${a.id}\0${r.name}`) ?? r.profile;

  addAliases(config.profiles.aliases, profiles, warnings);
  profiles.sort(byName);
  return { model: deepFreeze({ version: MODEL_VERSION, sessions, profiles }), warnings };
}

/**
 * Why a profile for this account id and role cannot be written so that every tool reads the same values
 * (the role name is what credentials are asked for: a changed one can never get them), or undefined.
 */
function unwritable(accountId: string, role: string): string | undefined {
  if (!/^\d{12}$/.test(accountId)) return "the account id is not 12 digits";
  const problem = iniValueProblem(role);
  return problem ? `the role name cannot be written: ${problem}` : undefined;
}

// Each qualifier keeps its distinguishing part whole and shortens the rest, so the length limit can never
// cut the qualifier off again.
const fit = (head: string, tail: string) =>
  sanitizeProfileName(head.slice(0, MAX_PROFILE_NAME - tail.length) + tail);

const PROFILE_NAME: Naming<ModelProfile> = {
  get: (p) => p.name,
  set: (p, n) => (p.name = n),
  what: "profile name",
};

function resolveCollisions(profiles: ModelProfile[], warnings: string[]): void {
  qualifyClashes(
    profiles,
    PROFILE_NAME,
    [
      (p) => fit(p.name, `-${p.accountId}`),
      (p) => sanitizeProfileName(`${p.session}-${p.name.slice(0, MAX_PROFILE_NAME - p.session.length - 1)}`),
      // Distinct roles whose names sanitize alike (Admin+X, Admin=X) still get distinct, stable names.
      (p) => fit(p.name, `-${fingerprint(p, 6)}`),
      // Last resort, unique because session/account/role is.
      (p) => `profile-${fingerprint(p, 16)}`,
    ],
    warnings,
  );
}

function addAliases(rules: AliasRule[], profiles: ModelProfile[], warnings: string[]): void {
  const taken = new Set(profiles.map((p) => p.name));
  for (const rule of rules) {
    const name = sanitizeProfileName(rule.name);
    const matches = profiles.filter(
      (p) =>
        !p.aliasOf &&
        (rule.session === undefined || rule.session === p.session) &&
        accountMatches(rule.account, { id: p.accountId, name: p.accountName }) &&
        picomatch.isMatch(p.roleName, rule.role, { dot: true }),
    );
    const target = matches[0];
    if (!target) {
      warnings.push(
        `alias "${rule.name}": no discovered account "${rule.account}" with role "${rule.role}"; skipped`,
      );
      continue;
    }
    if (matches.length > 1) {
      // An alias must name one profile; picking one of several would silently change with the org.
      warnings.push(
        `alias "${rule.name}": matches ${matches.length} profiles (${matches.map((p) => p.name).join(", ")}); name one account and role; skipped`,
      );
      continue;
    }
    if (taken.has(name)) {
      warnings.push(`alias "${rule.name}": the name "${name}" is already a profile; skipped`);
      continue;
    }
    taken.add(name);
    profiles.push({ ...target, name, aliasOf: target.name });
  }
}
