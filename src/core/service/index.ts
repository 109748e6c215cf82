// Running the daemon as a systemd user service (Linux) or a launchd agent (macOS).
export { daemonCommand, passedEnv, PACKAGE_ROOT, PASSED_ENV, type DaemonCommand } from "./launch.ts";
export { systemdUnit, systemdQuote, unitPath, UNIT_NAME } from "./systemd.ts";
export { launchdPlist, launchdLogPath, plistPath, xmlEscape, LABEL } from "./launchd.ts";
export {
  defaultManager,
  findTool,
  installService,
  serviceFile,
  serviceStatus,
  uninstallService,
  type ServiceFile,
  type ServiceManager,
  type ServiceOptions,
  type ServiceResult,
  type Step,
} from "./install.ts";
