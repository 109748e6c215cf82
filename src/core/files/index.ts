// Managed files: own only our region, prove the result loads, write atomically with a backup.
// Read readme.md in this folder for the placement rules and the decisions behind them.
export { applyPlan, readIfExists, verifyPlan } from "./apply.ts";
export { BACKUPS_KEPT, backupPrefix } from "./backup.ts";
export { FileChangedError, IniCheckError, MarkerError } from "./errors.ts";
export { checkIniJs, checkIniStrict, iniSections, sectionId } from "./ini.ts";
export type { RegionSpec } from "./markers.ts";
export { planWholeFile, unifiedDiff } from "./plan.ts";
export type { Conflict, FilePlan } from "./plan.ts";
export { outsideRegion, planRegion, planRemoveRegion } from "./region.ts";
