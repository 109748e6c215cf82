// A reader that behaves like gopkg.in/ini.v1 (go-ini/ini parser.go) for what Granted and aws-vault load:
// both call ini.LoadSources with AllowNestedValues; aws-vault v7 adds InsensitiveKeys (v6 lowercased keys
// with a regex first), Granted matches lowercase keys. So: keys case-insensitive (lowercased), section
// names case-sensitive, `=` or `:` delimiters, full-line `#`/`;` comments, an unquoted value cut at the
// first `#` or `;` (no space needed: SpaceBeforeInlineComment is false), "…"/`…` quotes stripped, a
// repeated section merged into the first and a repeated key overwritten (no shadows), keys before any
// header in "DEFAULT", an indented line after an empty value taken as a nested value, and any other line
// without a delimiter an error (SkipUnrecognizableLines is false): the whole file then fails to load.

export interface GoIniSection {
  name: string;
  keys: Map<string, string>;
}

export interface GoIniFile {
  /** In order of first appearance, "DEFAULT" first. */
  sections: GoIniSection[];
  section(name: string): GoIniSection | undefined;
}

export class GoIniError extends Error {}

function unquote(v: string): string {
  for (const q of ['"""', '"', "`"])
    if (v.length >= 2 * q.length && v.startsWith(q) && v.endsWith(q)) return v.slice(q.length, -q.length);
  const cut = v.search(/[#;]/);
  return (cut >= 0 ? v.slice(0, cut) : v).trim();
}

export function parseGoIni(text: string): GoIniFile {
  const sections: GoIniSection[] = [{ name: "DEFAULT", keys: new Map() }];
  const find = (name: string) => sections.find((s) => s.name === name);
  let current = sections[0] as GoIniSection;
  let lastValueEmpty = false;
  text
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .forEach((raw, i) => {
      const line = raw.replace(/^\s+/, "");
      if (lastValueEmpty && line.length > 0 && /^[ \t]/.test(raw)) return; // nested value: not a key
      if (line === "") return;
      if (line.startsWith("#") || line.startsWith(";")) return;
      if (line.startsWith("[")) {
        const close = line.lastIndexOf("]");
        if (close < 0) throw new GoIniError(`line ${i + 1}: unclosed section: ${line}`);
        const name = line.slice(1, close).trim();
        current =
          find(name) ??
          (sections.push({ name, keys: new Map() }), sections[sections.length - 1] as GoIniSection);
        lastValueEmpty = false;
        return;
      }
      const d = line.search(/[=:]/);
      if (d < 0) throw new GoIniError(`line ${i + 1}: key-value delimiter not found: ${line}`);
      const key = line
        .slice(0, d)
        .trim()
        .replace(/^(["`])(.*)\1$/, "$2")
        .toLowerCase();
      const value = unquote(line.slice(d + 1).trim());
      current.keys.set(key, value);
      lastValueEmpty = value === "";
    });
  return { sections, section: (name) => find(name) };
}
