// Running the daemon as a systemd user service (Linux) or a launchd agent (macOS).
export { DAEMON_NODE_FLAGS, daemonCommand } from "./launch.ts";
export { systemdUnit, systemdQuote } from "./systemd.ts";
export { launchdPlist } from "./launchd.ts";
export {
  defaultManager,
  installService,
  serviceFile,
  serviceStatus,
  uninstallService,
  type ServiceManager,
  type ServiceResult,
} from "./install.ts";
