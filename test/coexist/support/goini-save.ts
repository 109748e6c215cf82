// What gopkg.in/ini.v1 (v1.67) does to a file it loads and saves again, as Granted's `sso populate` does
// (load, Merge, SaveTo), rebuilt from its documented rules: every comment line is kept for the next section
// header or key and written right above it; a comment after the file's last key belongs to nothing and is
// dropped; blank lines are not kept; a section is written as `[name]`, its keys with `=` padded to the
// longest key of the section (PrettyFormat) and one blank line after it (PrettySection). A repeated section
// is merged into the first, a repeated key overwrites the value in place.

export interface GoKey {
  name: string;
  value: string;
  comment: string[];
}

export interface GoSection {
  name: string;
  comment: string[];
  keys: GoKey[];
}

/** Sections in order of first appearance; "DEFAULT" (keys before any header) first. */
export interface GoFile {
  sections: GoSection[];
}

export function loadGoIni(text: string): GoFile {
  const sections: GoSection[] = [{ name: "DEFAULT", comment: [], keys: [] }];
  let current = sections[0] as GoSection;
  let pending: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trimStart();
    if (line === "") continue;
    if (line.startsWith("#") || line.startsWith(";")) {
      pending.push(line.trimEnd());
      continue;
    }
    if (line.startsWith("[")) {
      const name = line.slice(1, line.lastIndexOf("]")).trim();
      const found = sections.find((s) => s.name === name);
      current = found ?? { name, comment: pending, keys: [] };
      if (!found) sections.push(current);
      pending = [];
      continue;
    }
    const d = line.search(/[=:]/);
    const name = line.slice(0, d).trim();
    const value = line.slice(d + 1).trim();
    const key = current.keys.find((k) => k.name === name);
    if (key) key.value = value;
    else current.keys.push({ name, value, comment: pending });
    pending = [];
  }
  return { sections }; // `pending` left over: the comment at the end of the file is gone
}

// go-ini writes a comment line as its first character, one space, and the rest trimmed.
const commentLine = (c: string): string => `${c.slice(0, 1)} ${c.slice(1).trim()}`;

export function saveGoIni(file: GoFile): string {
  let out = "";
  for (const s of file.sections) {
    if (s.name === "DEFAULT" && s.keys.length === 0) continue;
    for (const c of s.comment) out += `${commentLine(c)}\n`;
    if (s.name !== "DEFAULT") out += `[${s.name}]\n`;
    const width = Math.max(0, ...s.keys.map((k) => k.name.length));
    for (const k of s.keys) {
      for (const c of k.comment) out += `${commentLine(c)}\n`;
      out += `${k.name.padEnd(width)} = ${k.value}\n`;
    }
    out += "\n";
  }
  return out;
}
