// Public API of the IAM Identity Center emulator (conformance: docs/internals/emulator.md 3). Used by tests,
// the demo and the `emulator` command; see types.ts for what every knob does.
export type {
  Approval,
  Emulator,
  EmulatorCounters,
  EmulatorOptions,
  IssuedToken,
  Org,
  OrgAccount,
} from "./types.ts";
export { startEmulator } from "./server.ts";
export { generateOrg, loadOrgFile } from "./org.ts";
export { writeAwsDataPath } from "./aws-data-path.ts";
