// The data model every template sees. It is a documented contract (docs/templates.md): bump
// MODEL_VERSION on any incompatible change. Built from discovery results plus config; sorted and
// deterministic, so the same inputs always render the same bytes. Holds no secrets and no timestamps.

export const MODEL_VERSION = 1;

/** What discovery returns for one session (one Identity Center instance). */
export interface DiscoveredAccount {
  accountId: string;
  accountName: string;
  emailAddress: string;
  roles: string[];
}

export interface DiscoveredSession {
  session: string;
  accounts: DiscoveredAccount[];
}

export interface ModelRole {
  name: string;
  /** The profile name generated for this account × role (after collision handling). */
  profile: string;
  region: string;
}

export interface ModelAccount {
  id: string;
  /** As the API gives it, except that runs of control characters are one space (email too). */
  name: string;
  email: string;
  roles: ModelRole[];
}

export interface ModelSession {
  /** sso-session name, `[A-Za-z0-9_-]+`. */
  name: string;
  startUrl: string;
  /** The Identity Center region (sso_region). */
  ssoRegion: string;
  /** Default region for this session's profiles. */
  region: string;
  scopes: string[];
  accounts: ModelAccount[];
}

export interface ModelProfile {
  /** Unique profile name, safe for botocore and the JS SDK (`[A-Za-z0-9_.-]`, plus `/`). */
  name: string;
  session: string;
  startUrl: string;
  ssoRegion: string;
  scopes: string[];
  accountId: string;
  accountName: string;
  accountEmail: string;
  roleName: string;
  region: string;
  /** Set on alias profiles: the generated profile name this one duplicates. */
  aliasOf: string | undefined;
  /** Extra keys from config (`profiles.extraKeys`), sorted by key. */
  extra: Array<{ key: string; value: string }>;
}

export interface Model {
  version: typeof MODEL_VERSION;
  sessions: ModelSession[];
  /** Every profile across all sessions, aliases included, sorted by name. */
  profiles: ModelProfile[];
}

/**
 * Freezes a model and everything in it, so no renderer or user hook can change what the others see (a
 * change throws in strict code, which every ES module is). Once per build: about 5 ms for 1000 accounts,
 * where a fresh copy per output costs 15 to 25 ms each (docs/internals/content-safety.md).
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
  return value;
}
