import assert from "node:assert/strict";
import { test } from "node:test";
import { configSchema } from "./schema.ts";
import { cronStepProblem } from "./cron-steps.ts";

const session = { name: "a", startUrl: "https://d-1234567890.awsapps.com/start", region: "eu-north-1" };

test("a step that cannot repeat inside its field is refused; steps that fit pass", () => {
  for (const ok of [
    "*/30 * * * *",
    "*/59 * * * *",
    "0 */23 * * *",
    "0 0 */2 * * *",
    "*/5 1-10/3 * * 1-5",
    "0 0 1 */6 *",
  ])
    assert.equal(cronStepProblem(ok), undefined, ok);
  assert.match(cronStepProblem("*/61 * * * *") ?? "", /minute step must be 1 to 59/);
  assert.match(cronStepProblem("0 */24 * * *") ?? "", /hour step must be 1 to 23/);
  assert.match(cronStepProblem("*/60 0 * * * *") ?? "", /second step/);
  assert.match(cronStepProblem("0 0 1 */12 *") ?? "", /month step must be 1 to 11/);
  assert.match(cronStepProblem("*/0 * * * *") ?? "", /minute step/);
});

test("the schema refuses such a schedule", () => {
  assert.equal(configSchema.safeParse({ sessions: [session], schedule: "*/61 * * * *" }).success, false);
  assert.equal(configSchema.safeParse({ sessions: [session], schedule: "*/15 * * * *" }).success, true);
});
