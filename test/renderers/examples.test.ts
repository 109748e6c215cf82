// The two worked examples in templates/examples/: each renders against the hostile sample model to valid
// output for its consumer, and each README's config snippet passes `validate`.
import assert from "node:assert/strict";
import { cp, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { htmlEscape } from "../../src/core/render/helpers.ts";
import { TEMPLATES_DIR } from "../../src/core/render/loader.ts";
import { compileRenderer, templateRenderer } from "../../src/core/render/user-renderers.ts";
import { renderOutput } from "../../src/core/render/write-files.ts";
import { sampleModel } from "../../src/core/model/sample.ts";
import { validateConfig } from "../../src/cli/commands/validate.ts";
import { tempHome, type TempHome } from "../support/emulator.ts";

const EXAMPLES = join(TEMPLATES_DIR, "examples");
const model = sampleModel();

async function render(path: string, options: Record<string, unknown> = {}): Promise<string> {
  const renderer = await templateRenderer(path, "(test)", { kind: "file", format: "text" });
  const template = await compileRenderer(renderer, "/");
  return renderOutput({ name: "example", renderer, base: "/", file: "(test)", options, template }, model, {});
}

describe("steampipe example", () => {
  test("one connection per account × role with a valid, unique name, and an aggregator", async () => {
    const text = await render(join(EXAMPLES, "steampipe", "aws.spc.hbs"), { aggregator: "aws_every" });
    const names = [...text.matchAll(/^connection "([^"]*)" \{$/gm)].map((m) => m[1] ?? "");
    const real = model.profiles.filter((p) => !p.aliasOf);
    assert.equal(names.length, real.length + 1);
    assert.equal(new Set(names).size, names.length, "connection names are unique");
    for (const n of names) assert.match(n, /^[a-z][a-z0-9_]*$/);
    assert.ok(names.includes("aws_every"));
    const profiles = [...text.matchAll(/^ {2}profile = (".*")$/gm)].map(
      (m) => JSON.parse(m[1] ?? "") as string,
    );
    assert.deepEqual(profiles.sort(), real.map((p) => p.name).sort());
    for (const line of text.split("\n")) if (line.startsWith("#")) assert.doesNotMatch(line, /\n/);
    assert.equal(
      text.split("\n").filter((l) => /^(\w|\}|#|$|\s)/.test(l)).length,
      text.split("\n").length,
      "comments never spill onto their own line",
    );
  });
});

describe("console-links example", () => {
  test("one link per account × role; every name HTML-escaped and every URL part encoded", async () => {
    const html = await render(join(EXAMPLES, "console-links"), { title: `ACME <script>"` });
    assert.match(html, /<title>ACME &#60;script&#62;&#34;<\/title>/);
    const links = [...html.matchAll(/<a href="([^"]*)" title="[^"]*">([^<]*)<\/a>/g)];
    const roles = model.sessions.flatMap((s) => s.accounts.flatMap((a) => a.roles.map((r) => ({ s, a, r }))));
    assert.equal(links.length, roles.length);
    for (const { s, a, r } of roles) {
      const href = `${s.startUrl}/#/console?account_id=${a.id}&amp;role_name=${encodeURIComponent(r.name)}`;
      assert.ok(
        links.some((l) => l[1] === href),
        href,
      );
      assert.ok(html.includes(`<td>${htmlEscape(a.name)}</td>`), a.name);
    }
    assert.doesNotMatch(html, /<b>|<script>/, "no markup from the data reaches the page");
  });
});

describe("README snippets pass validate", () => {
  let h: TempHome;
  before(async () => {
    h = await tempHome();
  });
  after(() => h.cleanup());

  for (const [example, copy] of [
    ["steampipe", "aws.spc.hbs"],
    ["console-links", "console-links"],
  ] as const) {
    test(example, async () => {
      const readme = await readFile(join(EXAMPLES, example, "README.md"), "utf8");
      const snippet = /```yaml\n([\s\S]*?)```/.exec(readme)?.[1] ?? assert.fail("no yaml snippet");
      const dir = join(h.home, example);
      await mkdir(dir, { recursive: true });
      await cp(join(EXAMPLES, example, copy === "console-links" ? "" : copy), join(dir, copy), {
        recursive: true,
      });
      const file = join(dir, "config.yaml");
      await writeFile(
        file,
        `sessions:\n  - name: acme\n    startUrl: https://d-1234567890.awsapps.com/start\n    region: eu-north-1\n${snippet}`,
      );
      const restoreHome = process.env.HOME;
      process.env.HOME = h.home;
      try {
        const v = await validateConfig(file);
        assert.deepEqual(v.problems, []);
        assert.ok(v.checked >= 1);
      } finally {
        process.env.HOME = restoreHome;
      }
    });
  }
});
