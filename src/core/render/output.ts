// One output's render and the checks its result must pass before it is planned. Every hook and the
// template run under the output's time limit (hooks.ts); the model they see is frozen (model.ts).
import { problemsOf } from "../errors.ts";
import { checkIniStrict } from "../files/ini.ts";
import type { Model } from "../model/model.ts";
import type { Env } from "../paths.ts";
import { runHook } from "./hooks.ts";
import { hookOwner, type ResolvedOutput } from "./loader.ts";
import { lostEveryProfile } from "./lost-profiles.ts";
import { controlLine } from "./writable.ts";

/** What hooks get: the model and options are frozen, env a frozen copy (a hook may not change ours). */
export function hookContext(out: ResolvedOutput, model: Model, env: Env) {
  return { model, options: out.options, output: out.name, env: Object.freeze({ ...env }) };
}

/** Renders one output: its context() hook, then its template, each under the output's time limit. */
export function renderOutput(out: ResolvedOutput, model: Model, env: Env): string {
  const owner = hookOwner(out);
  const { context } = out.renderer;
  const ctx = hookContext(out, model, env);
  const extra = context ? (runHook(owner, "context()", () => context(ctx)) ?? {}) : {};
  // The template runs under the limit too: it may call functions that context() returned.
  return runHook(owner, out.renderer.render ? "render()" : "the template", () =>
    out.template({
      ...extra,
      model,
      profiles: model.profiles,
      sessions: model.sessions,
      options: out.options,
      output: out.name,
    }),
  );
}

/**
 * Everything that stops a rendered result from being written, as problem lines: the renderer's check(),
 * for an INI output the strict INI check (botocore refuses duplicate sections and keys), control
 * characters, and a result that lost every profile. Empty: the result may be planned.
 */
function resultProblems(out: ResolvedOutput, content: string, model: Model, env: Env): string[] {
  const { check } = out.renderer;
  const ctx = hookContext(out, model, env);
  const problems = check ? [...runHook(hookOwner(out), "check()", () => check(content, ctx))] : [];
  if (out.renderer.mode.format === "ini")
    problems.push(
      ...checkIniStrict(content).map((p) => `rendered text, ${p} (botocore would refuse the file)`),
    );
  const control = controlLine(content);
  if (control) {
    problems.push(
      `line ${control.line} of its result holds the control character ${control.char}; nothing of it was written (pass values through the helper for the format: ini, sh, fish, pwsh, comment, json)`,
    );
  }
  const lost = lostEveryProfile(out, content, model);
  if (lost) {
    problems.push(
      `${lost}; taken for a broken render, nothing of it was written (fix the template or module; an output meant to list no profiles sets rendersProfiles: false)`,
    );
  }
  return problems;
}

/** Problem lines of `c` for a list across outputs: render errors carry their own file:line, checks get the name. */
export function namedProblems(c: Checked, name: string, quote = true): string[] {
  if (c.text === undefined) return c.problems;
  const who = quote ? `"${name}"` : name;
  return c.problems.map((p) => `output ${who}: ${p}`);
}

export interface Checked {
  /** The rendered text; undefined when rendering itself failed. */
  text: string | undefined;
  problems: string[];
}

/**
 * Renders one output and checks the result: the one definition used by sync (before planning), `render`,
 * `validate` and the daemon's trial render on reload, so all four accept and refuse the same results.
 */
export function renderChecked(out: ResolvedOutput, model: Model, env: Env): Checked {
  // The daemon renders a pure output against the same frozen model every unchanged cycle (model/memo.ts):
  // the last result is the result. Keyed weakly on the output, so a reload's swap drops it.
  const last = out.pure ? lastChecked.get(out) : undefined;
  if (last && last.model === model && last.env === env)
    return { ...last.checked, problems: [...last.checked.problems] };
  const checked = renderAndCheck(out, model, env);
  if (out.pure) lastChecked.set(out, { model, env, checked });
  return checked;
}

const lastChecked = new WeakMap<ResolvedOutput, { model: Model; env: Env; checked: Checked }>();

function renderAndCheck(out: ResolvedOutput, model: Model, env: Env): Checked {
  let text: string;
  try {
    text = renderOutput(out, model, env);
  } catch (err) {
    return { text: undefined, problems: problemsOf(err) };
  }
  try {
    return { text, problems: resultProblems(out, text, model, env) };
  } catch (err) {
    return { text, problems: problemsOf(err) }; // a check() hook that threw or ran out of time
  }
}
