// Warnings that come in numbers (32 name conflicts with two sessions) are told as one line per kind with
// a count; `--verbose` (or the daemon at debug) lists each. A kind with a single member, and every warning
// of no known kind, is told in full: it is one line anyway, and it may be the one that matters.

interface Kind {
  test: RegExp;
  /** "16 name conflicts …": the count goes first. */
  label: string;
}

const KINDS: readonly Kind[] = [
  {
    test: /profile name "[^"]*" (is shared by|clashed with)/,
    label: "profile name conflicts, each qualified so that no profile is dropped",
  },
  { test: /: profile left out, /, label: "profiles left out (their role name cannot be written safely)" },
  { test: /^alias "/, label: "aliases skipped" },
];

export interface WarningLine {
  /** The kind's label, or "other". */
  kind: string;
  count: number;
  text: string;
}

/** One line per kind (count and label) and one per other warning; every warning in full when verbose. */
export function summariseWarnings(warnings: readonly string[], verbose = false): WarningLine[] {
  if (verbose) return warnings.map((text) => ({ kind: kindOf(text), count: 1, text }));
  const grouped = new Map<string, string[]>();
  const lines: WarningLine[] = [];
  for (const w of warnings) {
    const kind = kindOf(w);
    if (kind === "other") lines.push({ kind, count: 1, text: w });
    else grouped.set(kind, [...(grouped.get(kind) ?? []), w]);
  }
  for (const [kind, members] of grouped) {
    const [first] = members;
    if (members.length === 1 && first !== undefined) lines.unshift({ kind, count: 1, text: first });
    else lines.unshift({ kind, count: members.length, text: `${members.length} ${kind}` });
  }
  return lines;
}

function kindOf(w: string): string {
  return KINDS.find((k) => k.test.test(w))?.label ?? "other";
}
