// Cross-field rules for `outputs`, on the raw value: exactly one kind key per entry, and unique names
// (given, or derived from the renderer id or the file's basename).
import { defaultOutputName, isOutputKind, OUTPUT_KINDS } from "./outputs.ts";
import { NAME_RE } from "./rules.ts";
import type { ConfigPath } from "./locate.ts";
import { isRecord, show } from "./describe.ts";
import { problem, type Problem } from "./problem.ts";
import { closest } from "./suggest.ts";

export interface Named {
  name: string;
  path: ConfigPath;
}

function kindProblem(entry: Record<string, unknown>, path: ConfigPath): Problem | undefined {
  const oneOf = "one of 'renderer', 'template' or 'module'";
  const [first, second] = Object.keys(entry).filter(isOutputKind);
  if (first === undefined) {
    const typo = Object.keys(entry).find((k) => closest(k, OUTPUT_KINDS) !== undefined);
    const fix = typo
      ? `did you mean '${closest(typo, OUTPUT_KINDS)}'?`
      : "add renderer: aws-config, template: <file> or module: <file>";
    return problem(path, `an output needs ${oneOf}`, fix);
  }
  if (second === undefined) return undefined;
  const message = `an output has exactly ${oneOf}, this one has '${first}' and '${second}'`;
  return problem([...path, second], message, "split it into one output entry per kind", "key");
}

export function outputProblems(outputs: readonly unknown[]): { names: Named[]; problems: Problem[] } {
  const names: Named[] = [];
  const problems: Problem[] = [];
  outputs.forEach((entry, i) => {
    if (!isRecord(entry)) return;
    const kindIssue = kindProblem(entry, ["outputs", i]);
    if (kindIssue) return void problems.push(kindIssue);
    if (typeof entry.name === "string")
      return void names.push({ name: entry.name, path: ["outputs", i, "name"] });
    const kind = OUTPUT_KINDS.find((k) => k in entry);
    const value = kind === undefined ? undefined : entry[kind];
    if (kind === undefined || typeof value !== "string") return;
    const derived = defaultOutputName(kind, value);
    if (NAME_RE.test(derived)) return void names.push({ name: derived, path: ["outputs", i] });
    const message = `the output name taken from it, ${show(derived)}, is not a valid name`;
    problems.push(problem(["outputs", i, kind], message, "add name: with letters, digits, '_' and '-' only"));
  });
  return { names, problems };
}
