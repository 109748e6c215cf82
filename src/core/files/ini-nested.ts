// botocore parses a value that starts with a line break (`s3 =` + indented lines) as `k = v` pairs and
// fails the whole file if one of them has no "=". DEFAULT's options show up in every section, where a
// section's own key of the same name hides them. Problems come in the order a walk over every section's
// merged options ([...DEFAULT, ...own]) finds them, each option once; only options whose value starts
// empty are looked at, so the walk stays linear in the file.
import type { IniProblem } from "./ini-scan.ts";

export interface Option {
  key: string;
  line: number;
  /** The value's lines (stripped) when its first line is empty; null otherwise (it cannot be nested). */
  values: string[] | null;
}

/** A section's keys in the order first set: a short list searched in place (most sections hold a handful
 * of keys, and a Map for each of 100,000 sections cost more than the scan itself), a Map past that. */
export class Keys {
  private list: Option[] = [];
  private map: Map<string, Option> | undefined;
  get(key: string): Option | undefined {
    if (this.map) return this.map.get(key);
    for (const o of this.list) if (o.key === key) return o;
    return undefined;
  }
  has(key: string): boolean {
    return this.get(key) !== undefined;
  }
  /** Replaces the option of the same key in its place, or appends it (a Map's order). */
  set(o: Option): void {
    const i = this.map
      ? this.map.has(o.key)
        ? this.list.indexOf(this.map.get(o.key) as Option)
        : -1
      : this.find(o.key);
    if (i >= 0) this.list[i] = o;
    else this.list.push(o);
    if (this.map) this.map.set(o.key, o);
    else if (this.list.length > 8) this.map = new Map(this.list.map((x) => [x.key, x]));
  }
  private find(key: string): number {
    for (let i = 0; i < this.list.length; i++) if ((this.list[i] as Option).key === key) return i;
    return -1;
  }
  values(): readonly Option[] {
    return this.list;
  }
}

// What Python's str.splitlines() breaks on (botocore splits nested values with it), separators included.
// eslint-disable-next-line no-control-regex
const PY_SPLITLINES_RE = new RegExp("\\r\\n|[\\n\\r\\v\\f\\x1c\\x1d\\x1e\\x85\\u2028\\u2029]");
const WS = "\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const RSTRIP_RE = new RegExp(`[${WS}]+$`);
const NONSPACE_RE = new RegExp(`[^${WS}]`);

function broken(o: Option): boolean {
  if (o.values === null) return false;
  const value = o.values.join("\n").replace(RSTRIP_RE, "");
  if (!value.startsWith("\n")) return false;
  return value.split(PY_SPLITLINES_RE).some((l) => NONSPACE_RE.test(l) && !l.includes("="));
}

export function nestedProblems(store: Map<string, Keys>): IniProblem[] {
  const defaults = store.get("DEFAULT") ?? new Keys();
  const rank = new Map(defaults.values().map((o, i) => [o.key, i]));
  const memo = new Map<Option, boolean>();
  const isBroken = (o: Option): boolean => {
    let b = memo.get(o);
    if (b === undefined) memo.set(o, (b = broken(o)));
    return b;
  };
  // Broken DEFAULT options not reported yet (once reported, a later section cannot add anything).
  let pending = [...defaults.values()].filter(isBroken);
  const bad = new Map<Option, IniProblem>();
  const report = (o: Option): void => {
    if (!bad.has(o))
      bad.set(o, {
        line: o.line,
        type: "nested",
        message: `nested value of "${o.key}" has a line without "="`,
      });
  };
  for (const [header, options] of store) {
    if (header === "DEFAULT") continue;
    const inDefaults: Option[] = pending.filter((d) => !options.has(d.key));
    const ownOnly: Option[] = [];
    for (const o of options.values()) {
      if (o.values === null || !isBroken(o)) continue;
      (rank.has(o.key) ? inDefaults : ownOnly).push(o);
    }
    inDefaults.sort((x, y) => (rank.get(x.key) as number) - (rank.get(y.key) as number));
    for (const o of inDefaults) report(o);
    for (const o of ownOnly) report(o);
    if (pending.length > 0) pending = pending.filter((d) => !bad.has(d));
  }
  return [...bad.values()];
}
