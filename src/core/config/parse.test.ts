// parseConfig's error reporting: every problem at once, each on one line with its YAML position.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { ConfigError, ExitCode } from "../errors.ts";
import { parseConfig } from "./index.ts";

function failure(text: string): ConfigError {
  try {
    parseConfig(text, "/cfg/config.yaml");
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  assert.fail("expected a ConfigError");
}

const LINE = /^\/cfg\/config\.yaml:(\d+):(\d+): (\S+): (.+) \((.+)\)$/;

const BROKEN = `sessions:
  - name: acme corp
    startURL: https://d-1234567890.awsapps.com/start
    region: eu-north
    flow: pcke
  - name: acme corp
    startUrl: https://d-2.awsapps.com/start
    region: 5
profiles:
  regions:
    - session: acmee
      region: us-east-1
outputs:
  - renderer: aws-config
  - rendrer: granted
  - template: ./steampipe.hbs
    file: ~/a.spc
  - template: ./other/steampipe.hbs
    file: ~/b.spc
schedule: "61 * * * *"
discovery:
  concurrency: 100
log:
  levle: debug
`;

describe("problems", () => {
  test("every problem is collected at once, sorted, with line and column", () => {
    const err = failure(BROKEN);
    assert.equal(err.exitCode, ExitCode.config);
    assert.match(err.message, /^\/cfg\/config\.yaml: \d+ problems in the config$/);
    assert.match(err.hint ?? "", /docs\/configuration\.md/);
    const parsed = err.problems.map((p) => {
      const m = LINE.exec(p);
      assert.ok(m, `not in the one-line format: ${p}`);
      return { line: Number(m[1]), col: Number(m[2]), path: m[3], message: m[4], fix: m[5] };
    });
    const at = (path: string) =>
      parsed.filter((p) => p.path === path).map((p) => `${p.line}:${p.col} ${p.message} (${p.fix})`);
    assert.deepEqual(at("sessions[0].name"), [
      `2:11 "acme corp" must use only letters, digits, '_' and '-' (rename the session, e.g. acme)`,
    ]);
    assert.deepEqual(at("sessions[0].startURL"), ["3:5 unknown key 'startURL' (did you mean 'startUrl'?)"]);
    assert.deepEqual(at("sessions[0].startUrl"), [
      "2:5 missing required key 'startUrl' (add startUrl: https://d-1234567890.awsapps.com/start)",
    ]);
    assert.deepEqual(at("sessions[0].region"), [
      '4:13 "eu-north" is not an AWS region name (write it like eu-north-1 or us-gov-west-1)',
    ]);
    assert.deepEqual(at("sessions[0].flow"), [
      "5:11 \"pcke\" is not one of auto, device-code, pkce (did you mean 'pkce'?)",
    ]);
    assert.equal(at("sessions[1].name").length, 2); // the pattern, and the duplicate
    assert.ok(
      at("sessions[1].name").some((p) =>
        p.startsWith('6:11 session name "acme corp" is already used by sessions[0].name'),
      ),
    );
    assert.deepEqual(at("sessions[1].region"), ['8:13 expected a string, got an integer 5 (quote it: "5")']);
    assert.deepEqual(at("profiles.regions[0].session"), [
      '11:16 no session is named "acmee" (allowed: acme corp)',
    ]);
    assert.deepEqual(at("outputs[1]"), [
      "15:5 an output needs one of 'renderer', 'template' or 'module' (did you mean 'renderer'?)",
    ]);
    assert.deepEqual(at("outputs[3]"), [
      '18:5 output name "steampipe" is already used by outputs[2] (output names must be unique; rename one)',
    ]);
    assert.deepEqual(at("schedule"), [
      '20:11 "61 * * * *" is not a valid cron expression (use 5 fields, or 6 with seconds first: e.g. */30 * * * *)',
    ]);
    assert.deepEqual(at("discovery.concurrency"), [
      "22:16 100 is above the maximum 64 (use a value from 1 to 64)",
      "22:16 100 is above maxConcurrency 32 (lower concurrency or raise maxConcurrency)",
    ]);
    assert.deepEqual(at("log.levle"), ["24:3 unknown key 'levle' (did you mean 'level'?)"]);
    assert.equal(parsed.length, 15);
    const order = parsed.map((p) => p.line * 1000 + p.col);
    assert.deepEqual(
      order,
      [...order].sort((a, b) => a - b),
    );
  });

  test("did-you-mean uses the keys allowed at that level, including inside an output kind", () => {
    const err = failure(`sessions:
  - name: a
    startUrl: https://d-1.awsapps.com/start
    region: eu-north-1
    defaultregion: eu-west-1
outputs:
  - template: t.hbs
    file: out
    comments: "//"
  - renderer: aws-config
    fille: x
discovry: {}
`);
    assert.deepEqual(err.problems, [
      "/cfg/config.yaml:5:5: sessions[0].defaultregion: unknown key 'defaultregion' (did you mean 'defaultRegion'?)",
      "/cfg/config.yaml:9:5: outputs[0].comments: unknown key 'comments' (did you mean 'comment'?)",
      "/cfg/config.yaml:11:5: outputs[1].fille: unknown key 'fille' (did you mean 'file'?)",
      "/cfg/config.yaml:12:1: discovry: unknown key 'discovry' (did you mean 'discovery'?)",
    ]);
  });

  test("an unknown key with no near match lists the allowed keys", () => {
    const err = failure(
      "sessions: [{ name: a, startUrl: 'https://x.awsapps.com/start', region: eu-north-1 }]\nlog: { colour: true }\n",
    );
    assert.deepEqual(err.problems, [
      "/cfg/config.yaml:2:8: log.colour: unknown key 'colour' (allowed: level, file)",
    ]);
  });

  test("wrong types say what was expected and how to write it", () => {
    const err = failure(`sessions:
  - name: a
    startUrl: https://d-1.awsapps.com/start
    region: eu-north-1
    scopes: sso:account:access
    accounts:
      include: [012345678901]
refreshLeadSeconds: "600"
notify: yes
profiles: []
`);
    assert.deepEqual(err.problems, [
      '/cfg/config.yaml:5:13: sessions[0].scopes: expected a list, got a string "sso:account:access" (write a list: [sso:account:access])',
      '/cfg/config.yaml:7:17: sessions[0].accounts.include[0]: expected a string, got an integer 12345678901 (quote it: "012345678901")',
      '/cfg/config.yaml:8:21: refreshLeadSeconds: expected an integer, got a string "600" (write it without quotes: 600)',
      '/cfg/config.yaml:9:9: notify: expected true or false, got a string "yes" (write true or false)',
      "/cfg/config.yaml:10:11: profiles: expected a mapping, got a list (write indented key: value lines under it)",
    ]);
  });

  test("empty values and empty or non-mapping files", () => {
    assert.deepEqual(
      failure("sessions:\n  - name:\n    startUrl: https://d-1.awsapps.com/start\n    region: eu-north-1\n")
        .problems,
      [
        "/cfg/config.yaml:2:10: sessions[0].name: expected a string, got nothing (give it a value or remove the key)",
      ],
    );
    assert.deepEqual(failure("").problems, [
      "/cfg/config.yaml:1:1: (root): the file is empty (start from config.example.yaml)",
    ]);
    assert.deepEqual(failure("# only a comment\n").problems, [
      "/cfg/config.yaml:1:1: (root): the file is empty (start from config.example.yaml)",
    ]);
    assert.deepEqual(failure("- sessions\n").problems, [
      "/cfg/config.yaml:1:1: (root): expected a mapping of settings, got a list (start from config.example.yaml)",
    ]);
    assert.deepEqual(failure("profiles: {}\n").problems, [
      "/cfg/config.yaml:1:1: sessions: missing required key 'sessions' (add sessions; see docs/configuration.md)",
    ]);
  });
});

describe("broken YAML", () => {
  test("gives the parser's line and column", () => {
    const err = failure("sessions:\n  - name: a\n    startUrl: [https://x\nregion: eu-north-1\n");
    assert.equal(err.message, "/cfg/config.yaml: the file is not valid YAML");
    assert.equal(err.problems.length, 1);
    assert.match(
      err.problems[0] ?? "",
      /^\/cfg\/config\.yaml:4:1: YAML syntax: Flow sequence .+ \(fix the YAML at this position\)$/,
    );
  });

  test("reports every YAML error, e.g. duplicate keys and bad indentation", () => {
    const err = failure("notify: true\nnotify: false\nlog:\n  level: info\n   file: true\n");
    assert.ok(err.problems.length >= 2, err.problems.join("\n"));
    assert.match(err.problems[0] ?? "", /^\/cfg\/config\.yaml:2:1: YAML syntax: Map keys must be unique \(/);
    for (const p of err.problems.slice(1)) assert.match(p, /^\/cfg\/config\.yaml:4:\d+: YAML syntax: /);
  });

  test("a tab indent and a second document are YAML errors too", () => {
    assert.match(
      failure("sessions:\n\t- name: a\n").problems[0] ?? "",
      /^\/cfg\/config\.yaml:2:1: YAML syntax: /,
    );
    assert.match(
      failure("notify: true\n---\nnotify: false\n").problems[0] ?? "",
      /YAML syntax: .*multiple documents/i,
    );
  });
});

describe("YAML features", () => {
  test("anchors, aliases and merge keys work", () => {
    const { config } = parseConfig(
      `sessions:
  - &acme
    name: acme
    startUrl: https://d-1234567890.awsapps.com/start
    region: eu-north-1
  - <<: *acme
    name: acme-eu
    defaultRegion: eu-west-1
`,
      "cfg.yaml",
    );
    assert.deepEqual(
      config.sessions.map((s) => [s.name, s.startUrl, s.region, s.defaultRegion]),
      [
        ["acme", "https://d-1234567890.awsapps.com/start", "eu-north-1", "eu-north-1"],
        ["acme-eu", "https://d-1234567890.awsapps.com/start", "eu-north-1", "eu-west-1"],
      ],
    );
  });
});

describe("hostile YAML", () => {
  test("exponential alias expansion fails fast with a ConfigError", () => {
    const levels = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(", ")}]`);
    }
    // Stopped by the alias limit (the message says so); a full expansion would be 10^9 items, not slow.
    const err = failure(`${levels.join("\n")}\n`);
    assert.match(err.problems[0] ?? "", /^\/cfg\/config\.yaml:1:1: YAML: .*alias.* \(use fewer aliases\)$/i);
  });

  test("a numeric-looking key is located like any other", () => {
    const err = failure(
      "sessions:\n  - name: a\n    startUrl: https://d-1.awsapps.com/start\n    region: eu-north-1\nprofiles:\n  extraKeys:\n    123: x\n",
    );
    assert.deepEqual(err.problems, [
      '/cfg/config.yaml:7:5: profiles.extraKeys["123"]: key "123" is not an INI key (use lowercase letters, digits and \'_\', e.g. cli_pager)',
    ]);
  });
});

describe("warnings", () => {
  const session =
    "sessions:\n  - name: a\n    startUrl: https://d-1.awsapps.com/start\n    region: eu-north-1\n";

  test("a clean config has none", () => {
    assert.deepEqual(parseConfig(session, "/cfg/config.yaml").warnings, []);
  });

  test("scopes without sso:account:access, a start URL with #/, include and exclude overlap", () => {
    const { warnings } = parseConfig(
      `sessions:
  - name: a
    startUrl: https://d-1.awsapps.com/start/#/
    region: eu-north-1
    scopes: [codewhisperer:completions]
    roles: { include: [Admin], exclude: [Admin] }
`,
      "/cfg/config.yaml",
    );
    assert.deepEqual(warnings, [
      "/cfg/config.yaml:3:15: sessions[0].startUrl: has a #fragment that the AWS access portal URL normally lacks (use https://d-1.awsapps.com/start/)",
      "/cfg/config.yaml:5:13: sessions[0].scopes: does not include sso:account:access, so the token cannot list accounts and roles (add sso:account:access unless this session is only for other applications)",
      "/cfg/config.yaml:6:41: sessions[0].roles.exclude: Admin is both included and excluded, so it is excluded (remove it from one of the lists)",
    ]);
  });

  test("no enabled output", () => {
    const { warnings } = parseConfig(
      `${session}outputs:\n  - renderer: aws-config\n    enabled: false\n`,
      "/cfg/config.yaml",
    );
    assert.deepEqual(warnings, [
      "/cfg/config.yaml:6:3: outputs: no output is enabled, so a sync refreshes tokens but writes no files (add an output or set enabled: true on one)",
    ]);
  });
});
