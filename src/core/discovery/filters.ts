// Account and role filters from config. Accounts are filtered as soon as ListAccounts returns them, so an
// excluded account costs no ListAccountRoles request. Matching is case-insensitive (account names are
// free text, IAM role names are unique regardless of case); exclude wins over include.
import picomatch from "picomatch";
import type { DiscoveredAccount } from "../model/model.ts";

interface IncludeExclude {
  include?: string[];
  exclude?: string[];
}

export interface DiscoveryFilters {
  /** Entries are 12-digit account ids (exact) or globs on the account name (or id). */
  accounts?: IncludeExclude;
  /** Globs on the role name. */
  roles?: IncludeExclude;
}

export interface CompiledFilters {
  account(a: { accountId: string; accountName: string }): boolean;
  role(name: string): boolean;
}

const ACCOUNT_ID = /^\d{12}$/;
// `bash` makes a single `*` cross `/`, which may appear in names; `windows: false` keeps `\` an escape.
const GLOB = { nocase: true, dot: true, bash: true, windows: false } as const;

type Test = (values: string[]) => boolean;

function compileList(entries: string[] | undefined, idAware: boolean): Test | undefined {
  const list = (entries ?? []).map((e) => e.trim()).filter((e) => e !== "");
  if (list.length === 0) return undefined;
  const ids = new Set(idAware ? list.filter((e) => ACCOUNT_ID.test(e)) : []);
  const globs = list.filter((e) => !ids.has(e));
  const match = globs.length > 0 ? picomatch(globs, GLOB) : () => false;
  return (values) => values.some((v) => ids.has(v) || match(v));
}

function compileSide(side: IncludeExclude | undefined, idAware: boolean): (values: string[]) => boolean {
  const include = compileList(side?.include, idAware);
  const exclude = compileList(side?.exclude, idAware);
  return (values) => (include === undefined || include(values)) && !(exclude?.(values) ?? false);
}

export function compileFilters(filters: DiscoveryFilters | undefined): CompiledFilters {
  const accounts = compileSide(filters?.accounts, true);
  const roles = compileSide(filters?.roles, false);
  return {
    account: (a) => accounts([a.accountId, a.accountName]),
    role: (name) => roles([name]),
  };
}

/**
 * Applies the filters to a finished listing: drops excluded accounts, then filtered roles; an account
 * left with no role is dropped too (it would render nothing).
 */
export function applyFilters(
  accounts: DiscoveredAccount[],
  filters: DiscoveryFilters | undefined,
): DiscoveredAccount[] {
  const f = compileFilters(filters);
  return accounts
    .filter((a) => f.account(a))
    .map((a) => ({ ...a, roles: a.roles.filter((r) => f.role(r)) }))
    .filter((a) => a.roles.length > 0);
}
