// Function names for the shell renderer. Each must be one plain word in every shell we write for:
// [A-Za-z0-9_.:-] (docs/internals/consumers.md 5), minus ":" for PowerShell (where "a:b" is a scope or drive
// qualifier), starting with a letter or "_" (PowerShell reads "1x" as a number), and never a reserved word.
const HELPER_NAMES = ["aws-sso-profiles", "aws-sso-use", "aws-sso-clear"] as const;
/** The templates' internal functions (identifiers, so that bash's POSIX mode accepts them). */
const INTERNAL_NAMES = [
  "_aws_sso_sync_export",
  "_aws_sso_sync_clear",
  "_aws_sso_sync_profiles",
  "_aws_sso_sync_use",
  "_aws_sso_sync_complete",
  "_aws_sso_sync_compdef",
] as const;

const RESERVED = new Set([
  // bash, zsh
  "if",
  "then",
  "else",
  "elif",
  "fi",
  "case",
  "esac",
  "for",
  "select",
  "while",
  "until",
  "do",
  "done",
  "in",
  "function",
  "time",
  "coproc",
  "repeat",
  "foreach",
  "end",
  "nocorrect",
  "noglob",
  // fish
  "begin",
  "switch",
  "and",
  "or",
  "not",
  "set",
  "builtin",
  "command",
  "exec",
  "return",
  "break",
  "continue",
  "test",
  "string",
  "math",
  "status",
  "argparse",
  "eval",
  "source",
  // PowerShell
  "process",
  "filter",
  "param",
  "dynamicparam",
  "workflow",
  "class",
  "enum",
  "using",
  "trap",
  "throw",
  "try",
  "catch",
  "finally",
  "data",
  "exit",
]);

export type Shell = "bash" | "zsh" | "fish" | "pwsh";

export function functionName(prefix: string, profile: string, shell: Shell): string {
  const allowed = shell === "pwsh" ? /[^A-Za-z0-9_.-]+/g : /[^A-Za-z0-9_.:-]+/g;
  let name = `${prefix}${profile}`.replace(allowed, "-");
  if (!/^[A-Za-z_]/.test(name) || RESERVED.has(name.toLowerCase()))
    name = `aws-${name}`.replace(/^aws--+/, "aws-");
  return name;
}

/**
 * Assigns unique names in order; a later profile whose name is taken gets "-2", "-3", …. PowerShell
 * function names ignore case, so there "Prod" and "prod" are taken to be the same name.
 */
export function uniqueNames<T>(
  items: readonly T[],
  nameOf: (item: T) => string,
  ignoreCase = false,
): string[] {
  const key = (n: string) => (ignoreCase ? n.toLowerCase() : n);
  const taken = new Set<string>([...HELPER_NAMES, ...INTERNAL_NAMES].map(key));
  return items.map((item) => {
    const base = nameOf(item);
    let name = base;
    for (let i = 2; taken.has(key(name)); i++) name = `${base}-${i}`;
    taken.add(key(name));
    return name;
  });
}
