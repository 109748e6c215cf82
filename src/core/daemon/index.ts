// The daemon module's public face: start one, find its files, read what it recorded.
export { startDaemon } from "./daemon.ts";
export { daemonFiles } from "./files.ts";
export { readDaemonState, type DaemonState } from "../state/daemon.ts";
export { describeDaemon, daemonStatus } from "./daemon-status.ts";
