// Renderer ids and their options, checked in the same pass as the rest of the config so that every
// problem is listed at once with its line. The registry is handed in by the caller (the CLI), so the
// config module never names a renderer; without one these checks wait for the output loader.
import type { z } from "zod";
import { isRecord, show } from "./describe.ts";
import type { ConfigPath } from "./locate.ts";
import { problem, type Problem } from "./problem.ts";
import { suggestFix } from "./suggest.ts";

/** What the config needs to know of a renderer: its id and the schema of its options. */
export interface RendererSpec {
  id: string;
  options?: z.ZodType | undefined;
}

function allowedKeys(schema: z.ZodType | undefined): string[] {
  const shape = (schema as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape ? Object.keys(shape) : [];
}

function optionProblems(spec: RendererSpec, options: unknown, base: ConfigPath): Problem[] {
  if (!spec.options) return [];
  const parsed = spec.options.safeParse(options ?? {});
  if (parsed.success) return [];
  return parsed.error.issues.flatMap((issue) => {
    const path = [...base, ...issue.path.map((p) => (typeof p === "symbol" ? String(p) : p))];
    if (issue.code === "unrecognized_keys")
      return issue.keys.map((k) =>
        problem(
          [...path, k],
          `unknown option '${k}' of renderer ${spec.id}`,
          suggestFix(k, allowedKeys(spec.options)),
          "key",
        ),
      );
    return [problem(path, issue.message, `see the ${spec.id} renderer's options in docs/templates.md`)];
  });
}

export function rendererProblems(raw: unknown, renderers: readonly RendererSpec[] | undefined): Problem[] {
  if (renderers === undefined || !isRecord(raw) || !Array.isArray(raw.outputs)) return [];
  const ids = renderers.map((r) => r.id);
  return raw.outputs.flatMap((entry: unknown, i): Problem[] => {
    if (!isRecord(entry) || typeof entry.renderer !== "string") return [];
    const spec = renderers.find((r) => r.id === entry.renderer);
    if (!spec)
      return [
        problem(
          ["outputs", i, "renderer"],
          `unknown renderer ${show(entry.renderer)}`,
          suggestFix(entry.renderer, ids),
        ),
      ];
    return optionProblems(spec, entry.options, ["outputs", i, "options"]);
  });
}
