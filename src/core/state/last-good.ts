// The last good discovery of every configured session, and the model built from it: what `list`,
// `render`, the daemon's trial render and a sync's fallback all start from when they do not (or cannot)
// ask the API. One definition, so the four agree on which sessions count as "never synced".
import { buildModel } from "../model/build.ts";
import type { Config, SessionConfig } from "../config/index.ts";
import type { DiscoveredSession, Model } from "../model/model.ts";
import type { Env } from "../paths.ts";
import { createEngine } from "../render/engine.ts";
import { loadDiscovered } from "./discovered.ts";

export interface LastGood {
  /** By session name; a session absent here was never synced (or its state is unreadable). */
  found: Map<string, DiscoveredSession>;
  /** Sessions of the config with nothing stored, in config order. */
  missing: SessionConfig[];
}

export async function lastGoodDiscoveries(config: Config, env: Env): Promise<LastGood> {
  const loaded = await Promise.all(
    config.sessions.map(async (s) => [s, await loadDiscovered(s, env)] as const),
  );
  const found = new Map<string, DiscoveredSession>();
  const missing: SessionConfig[] = [];
  for (const [s, d] of loaded) {
    if (d) found.set(s.name, { session: d.session, accounts: d.accounts });
    else missing.push(s);
  }
  return { found, missing };
}

export interface LastGoodModel extends LastGood {
  model: Model;
  warnings: string[];
}

/** The model of the last good discovery of every session (no network); sessions never synced are left out. */
export async function lastGoodModel(config: Config, env: Env): Promise<LastGoodModel> {
  const last = await lastGoodDiscoveries(config, env);
  const { model, warnings } = buildModel(config, [...last.found.values()], createEngine());
  return { ...last, model, warnings };
}
