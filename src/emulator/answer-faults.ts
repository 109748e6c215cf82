// Wrong answers on purpose (the `answerFaults` knob): a `200 {}`, a success body missing a member, or a
// request that is accepted and never answered. Clients must survive all three: take the first two as a
// protocol error, and give up on the third after their own timeout.
import { AppError, ExitCode } from "../core/errors.ts";
import { DEVICE_GRANT } from "./grants.ts";
import type { Reply } from "./http.ts";
import type { AnswerFault, FaultOp } from "./types.ts";

const OPS: readonly FaultOp[] = [
  "ListAccounts",
  "ListAccountRoles",
  "GetRoleCredentials",
  "RegisterClient",
  "StartDeviceAuthorization",
  "CreateToken",
];
const GRANTS = ["device_code", "refresh_token", "authorization_code"] as const;
const ANSWERS = ["empty", "drop", "hang"] as const;

function bad(message: string): AppError {
  return new AppError(`emulator: answerFaults: ${message}`, { exitCode: ExitCode.usage });
}

/** Checks the knob as it arrives from options or the control API (plain JSON). */
export function validateAnswerFaults(value: unknown): AnswerFault[] {
  if (!Array.isArray(value)) throw bad("must be a list");
  return value.map((f: unknown, i) => {
    const o = (typeof f === "object" && f !== null ? f : {}) as Record<string, unknown>;
    const at = `entry ${i}`;
    if (!OPS.includes(o.op as FaultOp)) throw bad(`${at}: op must be one of ${OPS.join(", ")}`);
    if (!ANSWERS.includes(o.answer as AnswerFault["answer"]))
      throw bad(`${at}: answer must be empty, drop or hang`);
    if (o.grant !== undefined && (o.op !== "CreateToken" || !GRANTS.includes(o.grant as never)))
      throw bad(`${at}: grant is for CreateToken only (${GRANTS.join(", ")})`);
    if (o.answer === "drop" && (typeof o.member !== "string" || o.member === ""))
      throw bad(`${at}: drop needs member (e.g. "accountList")`);
    if (o.times !== undefined && !(Number.isInteger(o.times) && (o.times as number) >= 0))
      throw bad(`${at}: times must be an integer >= 0`);
    return { ...o } as unknown as AnswerFault;
  });
}

/** The faults in play and how many uses each has left; rebuilt whenever the knob is set. */
export class AnswerFaults {
  private left: number[];

  constructor(private readonly faults: readonly AnswerFault[]) {
    this.left = faults.map((f) => f.times ?? Infinity);
  }

  /** The first fault for this request with uses left, consumed; `phase` picks hang or the others. */
  take(op: string, body: Record<string, unknown> | undefined, phase: "before" | "after") {
    const grantType = typeof body?.grantType === "string" ? body.grantType : undefined;
    const grant = grantType === DEVICE_GRANT ? "device_code" : grantType;
    const i = this.faults.findIndex(
      (f, n) =>
        f.op === op &&
        (this.left[n] ?? 0) > 0 &&
        (f.answer === "hang") === (phase === "before") &&
        (f.grant === undefined || f.grant === grant),
    );
    if (i === -1) return undefined;
    this.left[i] = (this.left[i] ?? 0) - 1;
    return this.faults[i];
  }
}

/** The reply a client gets instead of `reply` under an `empty` or `drop` fault. */
export function spoil(reply: Reply, fault: AnswerFault): Reply {
  if (fault.answer === "empty") return { status: 200, body: {} };
  const body = structuredClone(reply.body) as Record<string, unknown>;
  const path = (fault.member ?? "").split(".");
  const last = path.pop() ?? "";
  let node: unknown = body;
  for (const key of path) node = (node as Record<string, unknown> | undefined)?.[key];
  if (node && typeof node === "object") delete (node as Record<string, unknown>)[last];
  return { ...reply, body };
}
