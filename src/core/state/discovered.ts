// The last good discovery result per session, kept in the state directory. Outputs can be re-rendered from
// it without the network (config or template changes, `list`), and a session whose discovery fails keeps it.
// Keyed by session name and start URL: two configs that both call a session "acme" but point at different
// Identity Center instances never fall back on each other's accounts.
// Beside it, a pending discovery: one that would remove most of a session's profiles and waits for the
// next discovery to confirm it (src/core/removal-guard.ts); the last good one stays the one rendered.
// A discovery equal to the stored one is not written again (sameAccounts), so `discoveredAt` is the time
// of the last discovery that found a change, and an unchanged daemon cycle writes nothing here.
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { readJson, writeJson } from "../files/json.ts";
import type { DiscoveredSession } from "../model/model.ts";
import { shortHash, stateDir, type Env } from "../paths.ts";
import { log } from "../log/logger.ts";

const StoredDiscovery = z.object({
  format: z.literal(1),
  startUrl: z.string(),
  discoveredAt: z.string(),
  session: z.string(),
  accounts: z.array(
    z.object({
      accountId: z.string(),
      accountName: z.string(),
      emailAddress: z.string(),
      roles: z.array(z.string()),
    }),
  ),
}) satisfies z.ZodType<DiscoveredSession>;

const WHAT = "the discovery state";

/** What identifies a session's discovery: its name and the instance it belongs to. */
export interface SessionKey {
  name: string;
  startUrl: string;
}

/** Which of the two stored discoveries: the last good one (rendered), or one waiting for confirmation. */
export interface Which {
  pending?: boolean;
}

function file(key: SessionKey, env: Env, which: Which = {}): string {
  const instance = shortHash(key.startUrl, 10);
  const kind = which.pending ? ".pending" : "";
  return join(stateDir(env), "discovered", `${key.name}.${instance}${kind}.json`);
}

export async function saveDiscovered(
  d: DiscoveredSession,
  startUrl: string,
  env: Env = process.env,
  which: Which = {},
): Promise<void> {
  const path = file({ name: d.session, startUrl }, env, which);
  const stored = { format: 1 as const, startUrl, discoveredAt: new Date().toISOString(), ...d };
  await writeJson(path, StoredDiscovery, stored, { what: WHAT });
}

/** The stored result, or undefined when there is none or it is unusable (logged, never fatal). */
export async function loadDiscovered(
  session: SessionKey,
  env: Env = process.env,
  which: Which = {},
): Promise<(DiscoveredSession & { discoveredAt: string }) | undefined> {
  const path = file(session, env, which);
  const read = await readJson(path, StoredDiscovery, { what: WHAT });
  if (read.kind === "missing") return undefined;
  if (read.kind === "ok") {
    const { session: name, startUrl, accounts, discoveredAt } = read.value;
    if (name === session.name && startUrl === session.startUrl)
      return { session: name, accounts, discoveredAt };
  }
  const why = read.kind === "invalid" ? read.reason : `${WHAT} ${path} belongs to another session`;
  log().warn("stored discovery ignored", { file: path, error: why, effect: "the next sync rewrites it" });
  return undefined;
}

/** True when `fresh` lists exactly the accounts, names, e-mails and roles `stored` holds. */
export function sameAccounts(stored: DiscoveredSession | undefined, fresh: DiscoveredSession): boolean {
  if (!stored || stored.accounts.length !== fresh.accounts.length) return false;
  return stored.accounts.every((a, i) => {
    const b = fresh.accounts[i];
    return (
      b !== undefined &&
      a.accountId === b.accountId &&
      a.accountName === b.accountName &&
      a.emailAddress === b.emailAddress &&
      a.roles.length === b.roles.length &&
      a.roles.every((r, j) => r === b.roles[j])
    );
  });
}

/** Drops the pending discovery of a session (confirmed, or no longer needed). */
export async function clearPending(session: SessionKey, env: Env = process.env): Promise<void> {
  await rm(file(session, env, { pending: true }), { force: true });
}
