// The daemon module's public face: start one, find its files, read what it recorded.
export { startDaemon, type DaemonOptions, type RunningDaemon } from "./daemon.ts";
export { daemonFiles, type DaemonFiles } from "./files.ts";
export { readDaemonState, type DaemonState, type TokenState } from "../state/daemon.ts";
export { describeDaemon, daemonStatus, type DaemonStatus } from "./daemon-status.ts";
