// Handlebars' strict mode only checks plain `{{field}}` lookups: a typo in a block or helper argument
// (`{{#each model.profilez}}`) silently renders nothing, and an empty region would prune every profile.
// So the data a template sees is wrapped: reading a field that does not exist throws, wherever it is read.
// Optional model fields are present with the value undefined, so they read as empty, not as unknown.

export class UnknownFieldError extends Error {
  constructor(
    readonly field: string,
    readonly parent: string,
  ) {
    super(`unknown field "${field}"${parent ? ` in ${parent}` : ""}`);
  }
}

// Probes made by JavaScript itself and by Handlebars' runtime, never by a template author.
const PROBES = new Set([
  "toJSON",
  "then",
  "toString",
  "valueOf",
  "toHTML",
  "constructor",
  "inspect",
  "length",
]);

const cache = new WeakMap<object, unknown>();

/** Wraps `value` (recursively, lazily); subtrees whose path is in `free` are passed through as they are. */
export function strictContext<T>(value: T, free: ReadonlySet<string> = new Set(), path = ""): T {
  if (typeof value !== "object" || value === null || free.has(path)) return value;
  const hit = cache.get(value);
  if (hit !== undefined && path !== "") return hit as T;
  // A proxy must report a frozen target's properties as they are, wrapped children included; so a frozen
  // object (the model) is read through an unfrozen shallow copy of itself, made once and cached.
  const target: object = Object.isFrozen(value) ? (Array.isArray(value) ? [...value] : { ...value }) : value;
  const proxy = new Proxy(target, {
    get(target, key, receiver) {
      if (typeof key === "symbol") return Reflect.get(target, key, receiver);
      const child = path === "" ? key : `${path}.${key}`;
      if (key in target)
        return strictContext(Reflect.get(target, key, receiver), free, Array.isArray(target) ? path : child);
      if (Array.isArray(target) || PROBES.has(key) || key.startsWith("__")) return undefined;
      throw new UnknownFieldError(key, path);
    },
  });
  if (path !== "") cache.set(value, proxy);
  return proxy as T;
}

/** Where the unknown field is first used in the template source (1-based line and column), if found. */
export function locateField(source: string, field: string): { line: number; col: number } | undefined {
  const word = new RegExp(`(^|[^\\w@])${field.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\w])`);
  for (const m of source.matchAll(/\{\{[\s\S]*?\}\}/g)) {
    const inner = word.exec(m[0]);
    if (!inner) continue;
    const offset = (m.index ?? 0) + inner.index + inner[1]!.length;
    const before = source.slice(0, offset).split("\n");
    return { line: before.length, col: (before.at(-1)?.length ?? 0) + 1 };
  }
  return undefined;
}
