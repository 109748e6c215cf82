// A fresh Handlebars environment (Handlebars.create()) per compiled output and per model build, so one
// output's partials never reach another and a reload never sees the previous config's. Templates compile
// eagerly (syntax errors surface at load time) in strict mode (an unknown field is an error, not an empty
// string), without HTML escaping.
import Handlebars, { type RuntimeOptions } from "handlebars";
import { readFile } from "node:fs/promises";
import { ConfigError } from "../errors.ts";
import { helpers } from "./helpers.ts";
import { locateField, strictContext, UnknownFieldError } from "./strict-context.ts";

// Free-form by design: a user template may test an option nobody set.
const FREE = new Set(["options"]);

function unknownFieldError(file: string, source: string, err: UnknownFieldError): ConfigError {
  const at = locateField(source, err.field);
  const where = `${file}:${at?.line ?? 1}:${at?.col ?? 1}`;
  return new ConfigError(
    `template error in ${where}`,
    [`${where}: ${err.message} (see docs/templates.md for the fields templates can use)`],
    "fix the template; the previous output stays as it was",
  );
}

function runtimeError(file: string, source: string, err: unknown): ConfigError {
  if (err instanceof ConfigError) return err; // a partial's error already names the partial's own file
  if (err instanceof UnknownFieldError) return unknownFieldError(file, source, err);
  return templateError(file, err);
}

export type Template = (context: unknown) => string;

export interface Engine {
  compile(source: string, file: string): Template;
  registerPartial(name: string, source: string, file: string): void;
  loadFile(file: string): Promise<Template>;
}

interface HbsLocatedError {
  message: string;
  lineNumber?: number;
  column?: number;
}

/** Turns a Handlebars parse or runtime error into "file:line:col: message". */
function templateError(file: string, err: unknown): ConfigError {
  const e = err as HbsLocatedError;
  let line = e.lineNumber;
  let col = e.column === undefined ? undefined : e.column + 1;
  const msg = String(e.message ?? err);
  const parse = /Parse error on line (\d+)/.exec(msg);
  if (line === undefined && parse) line = Number(parse[1]);
  const caret = /\n([^\n]*)\n(-*)\^/.exec(msg);
  if (col === undefined && caret?.[2] !== undefined) col = caret[2].length + 1;
  const where = `${file}:${line ?? 1}:${col ?? 1}`;
  const first = msg.split("\n").filter((l) => !/^-*\^$/.test(l))[0] ?? msg;
  const unknown = /^"([^"]*)" not defined in /.exec(first);
  const detail = unknown
    ? `unknown field "${unknown[1] ?? ""}" (see docs/templates.md for the fields templates can use)`
    : parse
      ? `Parse error: ${msg.split("\n").slice(3).join(" ")}`
      : msg.replace(/\n/g, " ");
  return new ConfigError(
    `template error in ${where}`,
    [`${where}: ${detail}`],
    "fix the template; the previous output stays as it was",
  );
}

export function createEngine(): Engine {
  const hbs = Handlebars.create();
  for (const [name, fn] of Object.entries(helpers)) hbs.registerHelper(name, fn);
  const compile = (source: string, file: string): Template => {
    let fn: HandlebarsTemplateDelegate;
    try {
      hbs.parse(source); // syntax check now rather than at first render
      fn = hbs.compile(source, { noEscape: true, strict: true, preventIndent: true });
    } catch (err) {
      throw templateError(file, err);
    }
    return (context) => {
      try {
        return fn(strictContext(context, FREE), { allowProtoPropertiesByDefault: false });
      } catch (err) {
        throw runtimeError(file, source, err);
      }
    };
  };
  return {
    compile,
    registerPartial(name, source, file) {
      let fn: HandlebarsTemplateDelegate;
      try {
        hbs.parse(source);
        fn = hbs.compile(source, { noEscape: true, strict: true, preventIndent: true });
      } catch (err) {
        throw templateError(file, err);
      }
      // Registered compiled, so that an error at render time names the partial's file, not the caller's.
      const partial = (context: unknown, options?: RuntimeOptions): string => {
        try {
          return fn(context, options);
        } catch (err) {
          throw runtimeError(file, source, err);
        }
      };
      hbs.registerPartial(name, partial);
    },
    async loadFile(file) {
      let source: string;
      try {
        source = await readFile(file, "utf8");
      } catch (err) {
        throw new ConfigError(`cannot read template ${file}`, [`${file}: ${(err as Error).message}`]);
      }
      return compile(source, file);
    },
  };
}
