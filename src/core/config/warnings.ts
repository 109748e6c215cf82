// Things that load fine but probably are not what the user meant. They never stop a sync.
import type { Config } from "./schema.ts";
import type { Problem } from "./problem.ts";

export function configWarnings(config: Config): Problem[] {
  const warnings: Problem[] = [];
  config.sessions.forEach((session, i) => {
    if (!session.scopes.includes("sso:account:access"))
      warnings.push({
        path: ["sessions", i, "scopes"],
        target: "value",
        message: "does not include sso:account:access, so the token cannot list accounts and roles",
        fix: "add sso:account:access unless this session is only for other applications",
      });
    const url = new URL(session.startUrl);
    // People paste the portal's address bar (…/start/#/) or a link with a query; the CLI sends it verbatim.
    if (url.hash !== "" || url.search !== "")
      warnings.push({
        path: ["sessions", i, "startUrl"],
        target: "value",
        message: `has a ${url.hash !== "" ? "#fragment" : "?query"} that the AWS access portal URL normally lacks`,
        fix: `use ${url.origin}${url.pathname}`,
      });
    for (const key of ["accounts", "roles"] as const) {
      const both = session[key].include.filter((x) => session[key].exclude.includes(x));
      if (both.length > 0)
        warnings.push({
          path: ["sessions", i, key, "exclude"],
          target: "value",
          message: `${both.join(", ")} is both included and excluded, so it is excluded`,
          fix: "remove it from one of the lists",
        });
    }
  });
  if (config.outputs.every((o) => !o.enabled))
    warnings.push({
      path: ["outputs"],
      target: "value",
      message: "no output is enabled, so a sync refreshes tokens but writes no files",
      fix: "add an output or set enabled: true on one",
    });
  return warnings;
}
