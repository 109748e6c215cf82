// A small, forgiving reader of INI sections and their keys, for renderers' inspect() hooks (warnings about
// the target file as it is). Not a validator: src/core/files checks that a result loads. Keys are lowercased
// as botocore and aws-vault/Granted (gopkg.in/ini.v1 with insensitive keys) read them.

export interface KeyedSection {
  /** Text between the brackets, trimmed. */
  header: string;
  /** 1-based line of the header. */
  line: number;
  /** Lowercased key → value (the last one wins, as the JS SDK and go-ini read duplicates). */
  keys: Map<string, string>;
}

export function readSections(text: string): KeyedSection[] {
  const sections: KeyedSection[] = [];
  let current: KeyedSection | undefined;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith(";")) return;
    const header = /^\[(.*)\]$/.exec(line);
    if (header) {
      current = { header: (header[1] ?? "").trim(), line: i + 1, keys: new Map() };
      sections.push(current);
      return;
    }
    // An indented line continues the previous value (botocore) or is a nested key: never a key of its own.
    if (!current || /^\s/.test(raw)) return;
    const m = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(line);
    if (m) current.keys.set((m[1] ?? "").toLowerCase(), m[2] ?? "");
  });
  return sections;
}
