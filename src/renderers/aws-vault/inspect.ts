// Warnings about what aws-vault will make of our profiles in the file as it is
// (docs/internals/granted-aws-vault-shells.md 2). Each fires only when aws-vault's own rules change what a
// generated profile resolves to, or break the token it shares with us.
import { readFileSync } from "node:fs";
import { cacheFilePath } from "../../core/auth/cache-dir.ts";
import type { Model } from "../../core/model/model.ts";
import type { Env } from "../../core/paths.ts";
import { readSections, type KeyedSection } from "../ini-keys.ts";

/**
 * ByteNess aws-vault ≥ 7.10 `exec --profile-env` leaves only accessToken/expiresAt/refreshToken in the
 * token file of the profile's sso_session. A sync puts the registration back before outputs render
 * (docs/internals/token-file-shapes.md 3), so a file still in that shape here could not be recovered.
 */
export const BYTENESS_TOKEN_REWRITE_WARNING = (session: string, file: string): string =>
  `the token file of session "${session}" (${file}) holds only what ByteNess aws-vault \`exec --profile-env\` ` +
  "writes (accessToken, expiresAt, refreshToken) and its registration could not be put back (no registration " +
  `cache file, no complete copy seen): botocore and aws-sso-sync cannot refresh it. Run \`aws-sso-sync login\` to restore it; to keep aws-vault from rewriting it, set ssoSession: false`;

/** [default]'s keys that aws-vault copies into our profiles and that change what they resolve to. */
export function defaultChanges(existing: string, model: Model, ssoSession: boolean): string[] {
  const sections = readSections(existing);
  const def = sections.find((s) => s.header === "default");
  if (!def) return [];
  const out: string[] = [];
  const takeover = ["source_profile", "role_arn"].filter((k) => (def.keys.get(k) ?? "") !== "");
  if (takeover.length > 0)
    out.push(
      `[default] (line ${def.line}) sets ${takeover.join(" and ")}: aws-vault copies ${takeover.length > 1 ? "them" : "it"} into every ` +
        "generated profile and then assumes that role instead of using SSO; move it to a named profile",
    );
  const session = def.keys.get("sso_session") ?? "";
  // A profile's own sso_session is never replaced, and aws-vault 6 ignores sso_session altogether.
  if (session !== "" && !ssoSession) {
    const target = sessionValues(sections, model, session);
    const moved = model.profiles.filter(
      (p) => target !== undefined && (p.startUrl !== target.startUrl || p.ssoRegion !== target.ssoRegion),
    );
    if (moved.length > 0 && target)
      out.push(
        `[default] (line ${def.line}) sets sso_session = ${session}: aws-vault 7 gives it to every profile without ` +
          `its own and takes its start URL and region over the profile's, so ${moved.length} generated profile(s) ` +
          `would log in to ${target.startUrl} (first: ${moved[0]?.name ?? ""}). Set ssoSession: true, or move sso_session out of [default]`,
      );
  }
  return out;
}

/** The session's start URL and region: the file's [sso-session] if present, else the model's own. */
function sessionValues(
  sections: KeyedSection[],
  model: Model,
  name: string,
): { startUrl: string; ssoRegion: string } | undefined {
  const sec = sections.find((s) => s.header.replace(/\s+/g, " ") === `sso-session ${name}`);
  if (sec)
    return { startUrl: sec.keys.get("sso_start_url") ?? "", ssoRegion: sec.keys.get("sso_region") ?? "" };
  const ours = model.sessions.find((s) => s.name === name);
  return ours ? { startUrl: ours.startUrl, ssoRegion: ours.ssoRegion } : undefined;
}

/** With ssoSession: true, a session whose token file has the shape ByteNess aws-vault rewrites it to. */
export function bytenessRewrites(model: Model, env: Env): string[] {
  return model.sessions.flatMap((s) => {
    const file = cacheFilePath(s.name, { env });
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, "utf8"));
    } catch {
      return []; // missing or unreadable: the login and status paths report that
    }
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return [];
    const keys = Object.keys(raw);
    const bare =
      keys.includes("accessToken") &&
      keys.includes("expiresAt") &&
      keys.every((k) => ["accessToken", "expiresAt", "refreshToken"].includes(k));
    return bare ? [BYTENESS_TOKEN_REWRITE_WARNING(s.name, file)] : [];
  });
}
