// node-cron accepts a step larger than its field (`*/61 * * * *`), which then fires once an hour at
// minute 0, never "every 61 minutes" as the user meant. A step must fit inside its field's range.

// Field order for 5 fields; a 6-field expression has seconds first.
const FIELDS = [
  { name: "minute", span: 60 },
  { name: "hour", span: 24 },
  { name: "day of month", span: 31 },
  { name: "month", span: 12 },
  { name: "day of week", span: 7 },
];
const SECONDS = { name: "second", span: 60 };

/** The first step that cannot mean what it says, as a message; undefined when every step fits. */
export function cronStepProblem(expr: string): string | undefined {
  const parts = expr.trim().split(/\s+/);
  const fields = parts.length === 6 ? [SECONDS, ...FIELDS] : FIELDS;
  for (const [i, part] of parts.entries()) {
    const field = fields[i];
    if (field === undefined) return undefined; // the field count is node-cron's rule, checked beside this
    for (const item of part.split(",")) {
      const step = /\/(\d+)$/.exec(item)?.[1];
      if (step === undefined) continue;
      const n = Number(step);
      if (n < 1 || n >= field.span)
        return `step /${step} in the ${field.name} field never repeats (a ${field.name} step must be 1 to ${field.span - 1})`;
    }
  }
  return undefined;
}
