// Maps a config path (["sessions", 0, "startUrl"]) to a line and column in the YAML text, so every
// problem can point at the exact place. A path that does not exist (a missing key) points at the deepest
// node that does: the mapping that should hold the key.
import { isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from "yaml";

export type ConfigPath = readonly PropertyKey[];
export interface Position {
  line: number;
  col: number;
}

/** "key": point at the key itself (unknown keys); "value": at the value (wrong values). */
export type Target = "key" | "value";

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}

/** The node at `path`, or the deepest existing ancestor; plus the key node of the last step if found. */
function findNode(doc: Document, path: ConfigPath): { node: unknown; key: unknown; found: boolean } {
  let node: unknown = doc.contents;
  let key: unknown = undefined;
  for (const step of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === String(step));
      if (!pair) return { node, key: undefined, found: false };
      // `key:` with nothing after it has no value node; the key is the best place to point at.
      key = pair.key;
      node = pair.value ?? pair.key;
    } else if (isSeq(node) && typeof step === "number" && node.items[step] !== undefined) {
      key = undefined;
      node = node.items[step];
    } else {
      return { node, key: undefined, found: false };
    }
  }
  return { node, key, found: true };
}

export function locate(doc: Document, lines: LineCounter, path: ConfigPath, target: Target): Position {
  const { node, key } = findNode(doc, path);
  const offset = (target === "key" ? rangeStart(key) : undefined) ?? rangeStart(node) ?? 0;
  return lines.linePos(offset);
}

/** The source text of the scalar at `path` as the user wrote it (e.g. `012345678901`), if any. */
export function sourceText(doc: Document, text: string, path: ConfigPath): string | undefined {
  const { node, found } = findNode(doc, path);
  if (!found || !isScalar(node) || !node.range) return undefined;
  return text.slice(node.range[0], node.range[1]);
}

/** `sessions[0].startUrl`, with odd record keys quoted: `profiles.extraKeys["a b"]`. */
export function formatPath(path: ConfigPath): string {
  if (path.length === 0) return "(root)";
  let out = "";
  for (const step of path) {
    if (typeof step === "number") out += `[${step}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(String(step))) out += `${out === "" ? "" : "."}${String(step)}`;
    else out += `[${JSON.stringify(String(step))}]`;
  }
  return out;
}
