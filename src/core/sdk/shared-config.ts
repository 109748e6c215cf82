// The few sections of the AWS shared files that the SDK clients read settings from: the active profile
// (AWS_PROFILE, else `default`) and the `[services NAME]` section it names. Left to itself, every SSO or
// OIDC client re-parses the whole ~/.aws/config once per setting (about ten times), which on a 10 MB file
// with 100,000 profiles cost seconds per sync (docs/internals/sdk-settings.md). This reads each file once,
// looks only at section headers outside the wanted sections, and parses the wanted ones by the SDK's own
// rules (same document), so the values are the ones the SDK would have found.
import { readFile } from "node:fs/promises";
import { awsConfigFile, awsCredentialsFile, type Env } from "../paths.ts";

type IniSection = Record<string, string>;

export interface SharedConfigView {
  profileName: string;
  /** The active profile: the credentials file's section overlaid by the config file's. */
  profile: IniSection;
  /** `[services NAME]` of the config file, by NAME; only the one the profile names is read. */
  services: ReadonlyMap<string, IniSection>;
  configPath: string;
}

/** `[prefix name]` and `[prefix "name"]`, as the SDK's parser splits a header (sdk-settings.md 2). */
const PREFIXED = /^([\w-]+)\s(["'])?([\w-@+.%:/]+)\2$/;
const SECTION_TYPES = new Set(["profile", "sso-session", "services"]);
/** A comment starts at `#` or `;` at the start of a line or after whitespace, also after a value. */
const COMMENT = /(^|\s)[;#]/;
/** Headers the SDK's parser throws on; its loader then treats the whole file as empty. */
const BLOCKED = new Set(["__proto__", "profile __proto__"]);

/** The SDK's key for a section header: `default`, `profile.NAME`, `services.NAME`, or none. */
function sectionKey(header: string): string | undefined {
  const m = PREFIXED.exec(header);
  if (!m) return header;
  const [, prefix, , name] = m;
  return prefix && SECTION_TYPES.has(prefix) ? `${prefix}.${name}` : undefined;
}

/**
 * Parses the sections whose key `want` accepts, by the SDK's rules: a later key wins, a key with an empty
 * value opens a sub-section for the indented lines below it, a section may appear more than once (its keys
 * merge). Lines of other sections are skipped after one character test, so the cost is one pass.
 */
function parseSections(text: string, want: (key: string) => boolean): Map<string, IniSection> {
  const out = new Map<string, IniSection>();
  let current: IniSection | undefined;
  let inSection = false;
  let sub: string | undefined;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf("\n", start);
    if (end === -1) end = text.length;
    const raw = text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
    start = end + 1;
    const first = raw.trimStart();
    if (first.startsWith("[")) {
      const line = raw.split(COMMENT)[0]?.trim() ?? "";
      if (line.endsWith("]")) {
        const header = line.slice(1, -1);
        if (BLOCKED.has(header)) return new Map();
        const key = sectionKey(header);
        inSection = key !== undefined && want(key);
        sub = undefined;
        current = undefined;
        if (inSection && key !== undefined) {
          current = out.get(key) ?? {};
          out.set(key, current);
        }
        continue;
      }
    }
    if (!inSection || current === undefined) continue;
    const line = raw.split(COMMENT)[0]?.trim() ?? "";
    const eq = line.indexOf("=");
    if (eq <= 0) continue;
    const name = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    if (value === "") {
      sub = name;
      continue;
    }
    if (sub !== undefined && raw.trimStart() === raw) sub = undefined;
    current[sub !== undefined ? `${sub}.${name}` : name] = value;
  }
  return out;
}

async function readIfThere(path: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (err) {
    // A missing or unreadable file is an empty one to the SDK too (its loader swallows the error).
    if ((err as NodeJS.ErrnoException).code) return "";
    throw err;
  }
}

/** Reads the active profile and its services section from the config and credentials files. */
export async function readSharedConfig(env: Env): Promise<SharedConfigView> {
  const profileName = env.AWS_PROFILE || "default";
  const configPath = awsConfigFile(env);
  const [configText, credentialsText] = await Promise.all([
    readIfThere(configPath),
    readIfThere(awsCredentialsFile(env)),
  ]);
  // In the config file `[profile default]` replaces `[default]` whole (sdk-settings.md 2).
  const wanted = profileName === "default" ? ["default", "profile.default"] : [`profile.${profileName}`];
  const config = parseSections(configText, (k) => wanted.includes(k));
  const fromConfig = config.get(wanted.at(-1) ?? "") ?? config.get(wanted[0] ?? "") ?? {};
  const fromCredentials = parseSections(credentialsText, (k) => k === profileName).get(profileName) ?? {};
  const profile = { ...fromCredentials, ...fromConfig };
  const services = new Map<string, IniSection>();
  const named = profile.services;
  if (named !== undefined) {
    const section = parseSections(configText, (k) => k === `services.${named}`).get(`services.${named}`);
    if (section) services.set(named, section);
  }
  return { profileName, profile, services, configPath };
}
