// The lock module's public face: the locks shared by the pipeline (sync) and the daemon.
export { acquireLock, describeOwner, isAlive, type HeldLock, type LockOptions } from "./lock.ts";
export { daemonLockPath, writeLockPath } from "./paths.ts";
export { underLock, withWriteLock, writing } from "./write-lock.ts";
