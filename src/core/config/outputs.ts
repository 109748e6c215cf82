// The `outputs` list: each entry is exactly one of a built-in renderer, a user template or a user module.
// Renderer existence and `options` are checked later by the renderer registry, which owns those schemas.
import { basename, extname } from "node:path";
import { z } from "zod";
import { RENDERER_ID_RE, name, noNewline } from "./rules.ts";

export const OUTPUT_KINDS = ["renderer", "template", "module"] as const;
export type OutputKind = (typeof OUTPUT_KINDS)[number];
export const isOutputKind = (key: string): key is OutputKind =>
  (OUTPUT_KINDS as readonly string[]).includes(key);

/** The output name used when the config gives none: renderer id, or the file's basename. */
export function defaultOutputName(kind: OutputKind, value: string): string {
  if (kind === "renderer") return value;
  const base = basename(value.replace(/[/\\]+$/, ""));
  return base.slice(0, base.length - extname(base).length) || base;
}

const outputName = (defaultText: string) =>
  name("output", "steampipe")
    .optional()
    .describe(
      `Output name: the id in its BEGIN/END marker lines, unique across outputs. Default: ${defaultText}.`,
    );

const common = {
  enabled: z.boolean().default(true).describe("Set to false to keep the entry but skip it."),
  options: z
    .record(z.string(), z.unknown())
    .default({})
    .describe("Options for this output, checked by the renderer's own option schema."),
};
const file = z.string().min(1);

const rendererOutputSchema = z
  .strictObject({
    renderer: z
      .string()
      .regex(RENDERER_ID_RE, "is not a renderer id (ids are lowercase words joined by '-', e.g. aws-config)")
      .describe(
        "Id of a built-in renderer, e.g. aws-config; an unknown id is reported with the config's other problems.",
      )
      .meta({ examples: ["aws-config"] }),
    name: outputName("the renderer id"),
    file: file.optional().describe("Target file. Default: the renderer's own default file."),
    ...common,
  })
  .describe("A built-in renderer, chosen by id.")
  .transform((o) => ({ ...o, name: o.name ?? defaultOutputName("renderer", o.renderer) }));

const templateOutputSchema = z
  .strictObject({
    template: file
      .meta({ examples: ["./templates/steampipe.hbs"] })
      .describe(
        "Handlebars template file, or a folder holding main.hbs plus partials (*.hbs). Relative to the config file.",
      ),
    file: file
      .meta({ examples: ["~/.steampipe/config/aws.spc"] })
      .describe("Target file (required for template outputs). Relative to the config file; ~/ expands."),
    mode: z
      .enum(["region", "file"])
      .default("region")
      .describe("region: own only the text between marker lines; file: own the whole file."),
    comment: noNewline("comment prefix")
      .min(1)
      .default("#")
      .describe("Comment prefix for the marker lines (region mode), e.g. '#', '//', ';'."),
    format: z
      .enum(["ini", "text"])
      .default("text")
      .describe(
        "ini: the result must load in botocore and the JS SDK before it is written; text: no check, except in a file AWS tools read as INI (the AWS config or credentials file, or a file an INI output writes), where every output is checked as INI.",
      ),
    rendersProfiles: z
      .boolean()
      .optional()
      .describe(
        "Whether the result lists profiles: then a result naming none of the model's profiles (INI: no [profile] section; text: no profile name or account id) fails and is not written. Default: true, except for mode file with format text.",
      ),
    name: outputName("the template's basename without extension"),
    ...common,
  })
  .describe("Your own Handlebars template, rendered with the data model (docs/templates.md).")
  .transform((o) => ({ ...o, name: o.name ?? defaultOutputName("template", o.template) }));

const moduleOutputSchema = z
  .strictObject({
    module: file
      .meta({ examples: ["./my-renderer.mjs"] })
      .describe(
        "JS module exporting a renderer object: a path relative to the config file, or a package name.",
      ),
    name: outputName("the module's basename without extension"),
    file: file.optional().describe("Target file. Default: the module renderer's own default file."),
    ...common,
  })
  .describe(
    "Your own JS module (ESM) exporting a renderer object (the contract is src/core/render/contract.ts).",
  )
  .transform((o) => ({ ...o, name: o.name ?? defaultOutputName("module", o.module) }));

/** Order matters: the error formatter picks the branch by the index of the kind key in OUTPUT_KINDS. */
export const outputSchema = z.union([rendererOutputSchema, templateOutputSchema, moduleOutputSchema]);
