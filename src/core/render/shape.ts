// Checks that a user module's export has the renderer shape (RendererShape, beside the Renderer contract),
// with one clear line per problem.
import { ConfigError } from "../errors.ts";
import { RendererShape, type AnyRenderer } from "./contract.ts";

export function checkRendererShape(v: unknown, source: string): AnyRenderer {
  if (typeof v !== "object" || v === null) {
    throw new ConfigError(`${source}: does not export a renderer`, [
      `${source}: export default (or export const renderer) an object { id, description, template (or render), defaultFile, mode }`,
    ]);
  }
  const parsed = RendererShape.safeParse(v);
  if (!parsed.success) {
    throw new ConfigError(
      `${source}: not a valid renderer`,
      // One line per field: a nested fault (mode.comment) is said as its field's one message.
      [...new Set(parsed.error.issues.map((i) => `${source}: ${String(i.path[0] ?? "")}: ${i.message}`))],
      'see docs/templates.md, "Renderer modules"',
    );
  }
  // The module's own object, not the parsed copy: its functions keep their `this`, and extra fields stay.
  return v as AnyRenderer;
}
