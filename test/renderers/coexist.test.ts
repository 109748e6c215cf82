// aws-config and granted regions in the same ~/.aws/config: both are written, the user's text stays, the
// file loads in botocore (configloader, boto3) and in the JS SDK's loader; a profile name both outputs
// generate is an error naming both, and nothing changes for that output.
import assert from "node:assert/strict";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { loadSharedConfigFiles } from "@smithy/shared-ini-file-loader";
import { sampleModel } from "../../src/core/model/sample.ts";
import { tempHome, type TempHome } from "../support/emulator.ts";
import { botocoreSkip, botocoreView } from "./support/botocore.ts";
import { testConfig, writeOutputs } from "./support/render.ts";

const USER = "# my own\n[profile mine]\nregion = us-east-1\noutput = json\n";

describe("aws-config + granted in one file", () => {
  let h: TempHome;
  let file: string;
  const model = sampleModel();
  before(async () => {
    h = await tempHome();
    file = join(h.home, ".aws", "config");
    await mkdir(join(h.home, ".aws"), { recursive: true });
    await writeFile(file, USER);
    const { results } = await writeOutputs(
      testConfig({ outputs: [{ renderer: "aws-config" }, { renderer: "granted" }] }),
      model,
      h.env,
    );
    assert.deepEqual(
      results.map((r) => [r.name, r.status]),
      [
        ["aws-config", "written"],
        ["granted", "written"],
      ],
      JSON.stringify(results),
    );
  });
  after(() => h.cleanup());

  test("both regions are there and the user's text is untouched", async () => {
    const text = await readFile(file, "utf8");
    assert.ok(text.startsWith(USER));
    assert.match(
      text,
      /# BEGIN aws-sso-sync:aws-config[^\n]*\n[\s\S]*# END aws-sso-sync:aws-config\n# BEGIN aws-sso-sync:granted/,
    );
  });

  test("botocore loads it and boto3 lists every profile of both", { skip: botocoreSkip() }, async () => {
    const view = await botocoreView(file, h.env);
    assert.equal(view.load_error, undefined);
    for (const p of model.profiles) assert.ok(view.profiles.includes(p.name), p.name);
    assert.ok(view.profiles.includes("Production/ReadOnlyAccess"), view.profiles.join(" "));
    assert.ok(view.profiles.includes("mine"));
    assert.deepEqual(view.errors, {});
    // Granted profiles carry no sso_* keys (botocore runs their credential_process instead).
    assert.equal(view.resolved["Production/ReadOnlyAccess"], undefined);
  });

  test("the JS SDK's loader sees every profile of both", async () => {
    const { configFile } = await loadSharedConfigFiles({
      configFilepath: file,
      filepath: join(h.home, ".aws", "credentials"),
    });
    for (const p of model.profiles) assert.equal(configFile[p.name]?.sso_session, p.session, p.name);
    assert.match(
      configFile["Production/ReadOnlyAccess"]?.credential_process ?? "",
      /^granted credential-process --profile Production\/ReadOnlyAccess$/,
    );
    assert.equal(configFile["sso-session.acme"]?.sso_region, "eu-north-1");
    assert.equal(configFile.mine?.output, "json");
  });

  test("a profile name both generate is an error naming both outputs; that output writes nothing", async () => {
    const before = await readFile(file, "utf8");
    const clash = testConfig({
      outputs: [
        { renderer: "aws-config" },
        { renderer: "granted", options: { profileTemplate: "{{slug account.name}}.{{role.name}}" } },
      ],
    });
    const { results } = await writeOutputs(clash, model, h.env);
    const g = results.find((r) => r.name === "granted");
    assert.equal(g?.status, "failed");
    assert.match(
      g?.problems.join("\n") ?? "",
      /\[profile production\.ReadOnlyAccess\]: output "granted" and output "aws-config"/,
    );
    assert.equal(results.find((r) => r.name === "aws-config")?.status, "unchanged");
    assert.equal(await readFile(file, "utf8"), before);
  });
});
