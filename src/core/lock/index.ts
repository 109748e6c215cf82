// The lock module's public face: the locks shared by the pipeline (sync) and the daemon.
export { acquireLock, type HeldLock } from "./lock.ts";
export { isAlive } from "./owner.ts";
export { withWriteLock, writing } from "./write-lock.ts";
