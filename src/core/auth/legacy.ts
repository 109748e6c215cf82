// The legacy token file: profiles without sso_session make botocore, the AWS CLI and the JS SDK read the
// token from sha1(sso_start_url as written).json (docs/internals/token-file-shapes.md 4). When a file a
// sync wrote holds such a profile for one of our sessions, that file gets the same token, written
// whenever ours is, 0600, by the same atomic write. Legacy profiles never refresh it themselves.
import { log } from "../log/logger.ts";
import { loadLegacyUse, saveLegacyUse, type LegacyUse } from "../state/legacy-use.ts";
import { cacheFilePath, readCacheFile, writeCacheFile } from "./cache-dir.ts";
import type { AuthSession, EnvOptions } from "./session.ts";

const trimSlash = (u: string): string => u.replace(/\/+$/, "");

const HEADER_AT_LINE_START = /^[ \t]*\[/;

/**
 * The sections of `text` that mention sso_start_url (any case, as configparser lowercases keys), found from
 * each mention instead of parsing every line: this runs after every sync, and a 10 MB config of 100,000
 * ordinary profiles then costs one regex pass (about 10 ms) instead of a line-by-line parse (about 300 ms).
 */
function sectionsMentioningStartUrl(text: string): string[] {
  const out: string[] = [];
  const mention = /sso_start_url/gi;
  const nextHeader = /^[ \t]*\[/gm;
  for (let m = mention.exec(text); m !== null; m = mention.exec(text)) {
    let start = text.lastIndexOf("\n", m.index) + 1;
    while (start > 0 && !HEADER_AT_LINE_START.test(text.slice(start, start + 256)))
      start = start >= 2 ? text.lastIndexOf("\n", start - 2) + 1 : 0; // the line before, or the first
    nextHeader.lastIndex = m.index;
    const end = nextHeader.exec(text)?.index ?? text.length;
    out.push(text.slice(start, end));
    mention.lastIndex = end;
  }
  return out;
}

/** Per session: the start URLs (as written) of legacy-form SSO profiles in these INI texts. */
export function legacyUses(texts: readonly string[], sessions: readonly AuthSession[]): LegacyUse {
  const out: LegacyUse = {};
  const add = (keys: Map<string, string>, profile: boolean) => {
    const url = keys.get("sso_start_url");
    if (!profile || !url || keys.has("sso_session")) return;
    if (!keys.has("sso_account_id") && !keys.has("sso_role_name")) return;
    for (const s of sessions)
      if (trimSlash(s.startUrl) === trimSlash(url)) out[s.name] = [...new Set([...(out[s.name] ?? []), url])];
  };
  for (const text of texts.flatMap(sectionsMentioningStartUrl)) {
    let keys = new Map<string, string>();
    let profile = false;
    for (const raw of text.split(/\r?\n/)) {
      const line = raw.trim();
      const header = /^\[\s*(.*?)\s*\]$/.exec(line);
      if (header) {
        add(keys, profile);
        keys = new Map();
        profile = header[1] === "default" || /^profile\s/.test(header[1] ?? "");
        continue;
      }
      const kv = /^([^=#;\s][^=]*?)\s*=\s*(.*)$/.exec(line);
      if (kv && !/^\s/.test(raw)) keys.set((kv[1] ?? "").toLowerCase(), kv[2] ?? "");
    }
    add(keys, profile);
  }
  return out;
}

/** Copies `text` (our token file) to the session's legacy files. A failure is a warning: ours is written. */
export async function mirrorLegacy(session: AuthSession, text: string, opts: EnvOptions, use?: LegacyUse) {
  const urls = (use ?? (await loadLegacyUse(opts.env ?? process.env)))[session.name] ?? [];
  const ours = cacheFilePath(session.name, opts);
  for (const url of urls) {
    const file = cacheFilePath(url, opts);
    if (file === ours || trimSlash(url) !== trimSlash(session.startUrl)) continue;
    const now = await readCacheFile(file);
    if (now.kind === "json" && now.text === text) continue;
    try {
      await writeCacheFile(file, text);
    } catch (err) {
      log().warn("legacy token file not updated", { session: session.name, file, error: String(err) });
    }
  }
}

/** After a sync wrote its files: record the legacy uses found and give those files the current token. */
export async function keepLegacyTokens(
  sessions: readonly AuthSession[],
  iniTexts: readonly string[],
  opts: EnvOptions & { complete: boolean },
): Promise<void> {
  const env = opts.env ?? process.env;
  const found = legacyUses(iniTexts, sessions);
  const use = await saveLegacyUse(
    sessions.map((s) => s.name),
    found,
    env,
    !opts.complete,
  );
  for (const s of sessions) {
    if (!use[s.name]?.length) continue;
    const read = await readCacheFile(cacheFilePath(s.name, opts));
    if (read.kind !== "json") continue;
    const value = read.value as { accessToken?: unknown } | null;
    if (typeof value?.accessToken === "string") await mirrorLegacy(s, read.text, opts, use);
  }
}
