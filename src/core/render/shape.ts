// Checks that a user module's export has the renderer shape, with one clear line per problem.
import { ConfigError } from "../errors.ts";
import type { AnyRenderer } from "./contract.ts";

export function checkRendererShape(v: unknown, source: string): AnyRenderer {
  const problems: string[] = [];
  const r = v as Record<string, unknown> | null;
  if (typeof r !== "object" || r === null) {
    throw new ConfigError(`${source}: does not export a renderer`, [
      `${source}: export default (or export const renderer) an object { id, description, template, defaultFile, mode }`,
    ]);
  }
  if (typeof r.id !== "string" || !/^[a-z][a-z0-9-]*$/.test(r.id))
    problems.push('id: expected a string like "my-tool"');
  if (typeof r.description !== "string") problems.push("description: expected a string");
  if (typeof r.template !== "string")
    problems.push("template: expected a template path (relative to the module)");
  if (typeof r.defaultFile !== "function") problems.push("defaultFile: expected a function (env) => path");
  const mode = r.mode as Record<string, unknown> | undefined;
  const kindOk =
    mode?.kind === "file" ||
    (mode?.kind === "region" && typeof mode.comment === "string" && mode.comment.length > 0);
  if (!kindOk || (mode?.format !== "ini" && mode?.format !== "text")) {
    problems.push(
      'mode: expected { kind: "region", comment: "#", format: "ini" | "text" } or { kind: "file", format: … }',
    );
  }
  for (const k of ["context", "check", "inspect"] as const) {
    if (r[k] !== undefined && typeof r[k] !== "function")
      problems.push(`${k}: expected a function when present`);
  }
  if (r.rendersProfiles !== undefined && typeof r.rendersProfiles !== "boolean")
    problems.push("rendersProfiles: expected true or false when present");
  if (r.options !== undefined && typeof (r.options as { safeParse?: unknown }).safeParse !== "function") {
    problems.push("options: expected a zod schema when present");
  }
  if (problems.length > 0) {
    throw new ConfigError(
      `${source}: not a valid renderer`,
      problems.map((p) => `${source}: ${p}`),
      'see docs/templates.md, "Renderer modules"',
    );
  }
  return r as unknown as AnyRenderer;
}
