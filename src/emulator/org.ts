// The organisation the emulator serves: loaded from YAML/JSON (validated, errors name the file and the
// path) or generated deterministically from a seed for tests and benchmarks.
import { readFile } from "node:fs/promises";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { ConfigError, errorMessage } from "../core/errors.ts";
import { seededRandom } from "./knobs.ts";
import type { Org } from "./types.ts";

// YAML reads an unquoted 111111111111 as a number; accept it when it is still 12 digits.
const accountId = z.union([z.string(), z.number().int()]).transform((v, ctx) => {
  const s = String(v);
  if (!/^\d{12}$/.test(s)) ctx.addIssue({ code: "custom", message: "must be 12 digits (quote it in YAML)" });
  return s;
});

const orgSchema = z.object({
  accounts: z.array(
    z.object({
      accountId,
      accountName: z.string().min(1),
      emailAddress: z.string().min(1).max(254),
      roles: z.array(z.string().min(1)),
    }),
  ),
});

/** Checks shape and uniqueness; throws ConfigError listing every problem with its dotted path. */
export function validateOrg(value: unknown, source = "org"): Org {
  const r = orgSchema.safeParse(value);
  const problems = r.success
    ? []
    : r.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
  if (r.success) {
    const seen = new Set<string>();
    r.data.accounts.forEach((a, i) => {
      if (seen.has(a.accountId)) problems.push(`accounts.${i}.accountId: duplicate ${a.accountId}`);
      seen.add(a.accountId);
      if (new Set(a.roles).size !== a.roles.length) problems.push(`accounts.${i}.roles: duplicate role`);
    });
  }
  if (!r.success || problems.length > 0) {
    throw new ConfigError(
      `${source}: invalid organisation (${problems.length} problem(s))`,
      problems,
      "expected { accounts: [{ accountId, accountName, emailAddress, roles: [...] }] }",
    );
  }
  return r.data;
}

export async function loadOrgFile(path: string): Promise<Org> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    throw new ConfigError(`${path}: cannot read organisation file: ${errorMessage(err)}`);
  }
  let data: unknown;
  try {
    data = parseYaml(text); // YAML is a superset of JSON
  } catch (err) {
    throw new ConfigError(`${path}: not valid YAML or JSON: ${errorMessage(err)}`);
  }
  return validateOrg(data, path);
}

const TEAMS = [
  "payments",
  "identity",
  "search",
  "billing",
  "platform",
  "data",
  "mobile",
  "web",
  "ml",
  "infra",
];
const ENVS = ["prod", "staging", "dev", "sandbox", "qa", "shared"];
const ROLES = [
  "AdministratorAccess",
  "ReadOnlyAccess",
  "PowerUserAccess",
  "ViewOnlyAccess",
  "DeveloperAccess",
  "SecurityAudit",
  "Billing",
  "DataScientist",
  "NetworkAdministrator",
  "SupportUser",
];

/** n accounts with unique 12-digit ids and names; the same seed always yields the same org. */
export function generateOrg(
  n: number,
  opts: { minRoles?: number; maxRoles?: number; seed?: number } = {},
): Org {
  const rnd = seededRandom(opts.seed ?? 1);
  const min = Math.max(0, Math.min(opts.minRoles ?? 1, ROLES.length));
  const max = Math.max(min, Math.min(opts.maxRoles ?? 4, ROLES.length));
  const ids = new Set<string>();
  const accounts = [];
  for (let i = 0; i < n; i++) {
    let id: string;
    do id = String(100000000000 + Math.floor(rnd() * 899999999999));
    while (ids.has(id));
    ids.add(id);
    const team = TEAMS[i % TEAMS.length] ?? "team";
    const env = ENVS[Math.floor(i / TEAMS.length) % ENVS.length] ?? "env";
    const round = Math.floor(i / (TEAMS.length * ENVS.length));
    const accountName = round === 0 ? `${team}-${env}` : `${team}-${env}-${round + 1}`;
    const pool = [...ROLES];
    const count = min + Math.floor(rnd() * (max - min + 1));
    const roles: string[] = [];
    for (let r = 0; r < count; r++) roles.push(...pool.splice(Math.floor(rnd() * pool.length), 1));
    accounts.push({ accountId: id, accountName, emailAddress: `aws+${accountName}@example.com`, roles });
  }
  return { accounts };
}
