// The renderer contract. A renderer is one typed object; built-ins live in src/renderers/<id>/ and are
// listed in src/renderers/index.ts; user renderers (a template in config, or a JS module) become the same
// object through the same loader (src/core/render/loader.ts). The core never names a renderer.
// RendererShape, below the interface, is what a user module's export is checked against.
import { z } from "zod";
import type { Model } from "../model/model.ts";
import type { Env } from "../paths.ts";

/** How the renderer's output lands in its target file. */
export type WriteMode =
  /** Only the text between `<comment> BEGIN aws-sso-sync:<name>` and `<comment> END …` lines is owned. */
  | { kind: "region"; comment: string; format: "ini" | "text" }
  /** The whole file is owned (for example a generated HTML page). */
  | { kind: "file"; format: "ini" | "text" };

export interface RenderContext<O> {
  model: Model;
  options: O;
  /** The output's name (marker id), e.g. "aws-config". */
  output: string;
  env: Env;
}

/** What a template sees, and what `render()` is called with: context()'s extra data, then these. */
export interface TemplateData<O> {
  model: Model;
  profiles: Model["profiles"];
  sessions: Model["sessions"];
  options: O;
  output: string;
  [extra: string]: unknown;
}

export interface Renderer<O = Record<string, unknown>> {
  id: string;
  description: string;
  /**
   * Main template (a path relative to the repository's templates/ folder, or for a module relative to
   * the module). A renderer has exactly one of `template` and `render`.
   */
  template?: string;
  /**
   * Instead of a template: plain code that returns the output's text from what a template would see. It
   * runs under the same time limit and its result passes the same checks.
   */
  render?(data: TemplateData<O>): string;
  /** Partials (templates only): name → template path, same resolution as `template`. */
  partials?: Record<string, string>;
  /** Default target file when the config names none (options: this output's parsed options). */
  defaultFile(env: Env, options: O): string;
  mode: WriteMode;
  /**
   * Whether the result lists the model's profiles. Then a result that names none of them while the model
   * has some is taken for a broken render, and fails instead of being written (an INI result: no
   * `[profile …]` section; text: no profile name or account id of the model). Default: true, except for
   * whole-file text outputs (a page, a summary), which may name no profile.
   */
  rendersProfiles?: boolean;
  /** Schema of `options` in config; defaults come from it. */
  options?: z.ZodType<O>;
  /** Optional: extra data for the template beyond `{ model, options, output }`. */
  context?(ctx: RenderContext<O>): Record<string, unknown>;
  /** Optional: semantic checks on the rendered text; each string is one problem (nothing written if any). */
  check?(text: string, ctx: RenderContext<O>): string[];
  /** Optional: warnings about the target file as it is (for example `[default]` leaking sso_* keys). */
  inspect?(existing: string, ctx: RenderContext<O>): string[];
}

const fn = (error: string) =>
  z.custom<(...args: never[]) => unknown>((v) => typeof v === "function", { error });
const ID = 'expected a string like "my-tool"';
// One message for any fault in `mode`, also when zod blames a field of the one option that nearly fits.
const MODE =
  'expected { kind: "region", comment: "#", format: "ini" | "text" } or { kind: "file", format: … }';
const format = z.enum(["ini", "text"], { error: MODE });

/**
 * The shape of a Renderer as a user module exports it, one message per field (the loader prefixes the
 * module's path). Functions are only checked to be functions: what they return is checked where used.
 */
export const RendererShape = z
  .object({
    id: z.string({ error: ID }).regex(/^[a-z][a-z0-9-]*$/, { error: ID }),
    description: z.string({ error: "expected a string" }),
    template: z.string({ error: "expected a template path (relative to the module)" }).optional(),
    render: fn("expected a function (data) => text when present").optional(),
    defaultFile: fn("expected a function (env) => path"),
    mode: z.union(
      [
        z.object({
          kind: z.literal("region"),
          comment: z.string({ error: MODE }).min(1, { error: MODE }),
          format,
        }),
        z.object({ kind: z.literal("file"), format }),
      ],
      { error: MODE },
    ),
    context: fn("expected a function when present").optional(),
    check: fn("expected a function when present").optional(),
    inspect: fn("expected a function when present").optional(),
    rendersProfiles: z.boolean({ error: "expected true or false when present" }).optional(),
    options: z
      .custom((v) => typeof (v as { safeParse?: unknown } | null)?.safeParse === "function", {
        error: "expected a zod schema when present",
      })
      .optional(),
  })
  .superRefine((r, ctx) => {
    if ((r.template === undefined) === (r.render === undefined))
      ctx.addIssue({
        code: "custom",
        path: [r.template === undefined ? "template" : "render"],
        message:
          r.template === undefined
            ? "expected a template path (relative to the module) or a render(data) function"
            : "give either template or render, not both",
      });
  });

/** A renderer with its option type erased, as the registry and loader hold it. */
export type AnyRenderer = Renderer<Record<string, unknown>>;

/**
 * Declares a renderer with typed options and erases the type for the registry. Sound because the loader
 * only ever passes options that `options` (the renderer's own schema) has parsed.
 */
export function defineRenderer<O extends object>(renderer: Renderer<O>): AnyRenderer {
  return renderer as unknown as AnyRenderer;
}

/** The built-in renderers, as the edges (CLI, daemon command) pass them into core. */
export type RendererRegistry = readonly AnyRenderer[];
