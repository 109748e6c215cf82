// Control API under /_emulator/ so an emulator in another process (the `emulator` command) can be driven
// like the in-process one: approve/deny device codes, revoke, change knobs or the org, read counters.
import { errorMessage } from "../core/errors.ts";
import { ok, type Reply } from "./http.ts";
import { validateOrg } from "./org.ts";
import type { Emulator, EmulatorOptions } from "./types.ts";

export const CONTROL_PREFIX = "/_emulator/";

function fail(message: string): Reply {
  return { status: 400, body: { error: message } };
}

function code(body: Record<string, unknown>): string | undefined {
  return typeof body.userCode === "string" ? body.userCode : undefined;
}

/** A user code that matches no pending login is a mistake worth saying (a typo, an expired code). */
function decided(n: number, userCode: string | undefined, what: "approved" | "denied"): Reply {
  if (userCode !== undefined && n === 0)
    return { status: 404, body: { error: `no pending device login has user code ${userCode}` } };
  return ok({ [what]: n });
}

/** `action` is the path after /_emulator/. Knob or org problems answer 400 with the reason. */
export function control(emu: Emulator, method: string, action: string, body: Record<string, unknown>): Reply {
  const route = `${method} ${action}`;
  try {
    switch (route) {
      case "GET counters":
        return ok(emu.counters());
      case "GET options":
        return ok(emu.options);
      case "POST reset-counters":
        emu.resetCounters();
        return ok({});
      case "POST approve":
        return decided(emu.approve(code(body)), code(body), "approved");
      case "POST deny":
        return decided(emu.deny(code(body)), code(body), "denied");
      case "POST revoke":
        emu.revokeAll();
        return ok({});
      case "POST configure": {
        const patch = { ...body } as Partial<EmulatorOptions>;
        if (body.org !== undefined) patch.org = validateOrg(body.org, "configure.org");
        emu.configure(patch);
        return ok(emu.options);
      }
      case "POST org":
        emu.setOrg(validateOrg(body, "org"));
        return ok({ accounts: emu.options.org.accounts.length });
      case "POST token": {
        const scopes = Array.isArray(body.scopes) ? body.scopes.map(String) : undefined;
        const ttlSec = typeof body.ttlSec === "number" ? body.ttlSec : undefined;
        return ok(emu.issueToken({ ...(scopes ? { scopes } : {}), ...(ttlSec ? { ttlSec } : {}) }));
      }
      default:
        return { status: 404, body: { error: `unknown control route ${route}` } };
    }
  } catch (err) {
    const problems = (err as { problems?: unknown }).problems;
    return fail(Array.isArray(problems) ? `${errorMessage(err)}: ${problems.join("; ")}` : errorMessage(err));
  }
}
