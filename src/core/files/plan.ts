// A FilePlan is the whole decision about one file, computed without touching the disk: the text read
// (`before`), the text to write (`after`), and what was left out. Dry-run shows its diff; applyPlan
// writes it. Plans are pure values, so outputs sharing a file are planned one after the other.
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from "diff";
import { IniCheckError } from "./errors.ts";
import { checkIniStrict } from "./ini.ts";
import type { IniScan } from "./ini-scan.ts";

export interface Conflict {
  /** Header of the generated section that was left out, e.g. "profile x". */
  section: string;
  /** Line in the file where the user defines it. */
  userLine: number;
}

export interface FilePlan {
  file: string;
  /** The file as read (null: it does not exist). */
  before: string | null;
  after: string;
  changed: boolean;
  /** Generated sections not written because the user defines the same name outside the region. */
  dropped: Conflict[];
  /** Mode for a new file (default 0600); an existing file keeps its own. */
  mode?: number;
  format: "ini" | "text";
  /** "region": we own marked regions (only their sections must be visible to the JS SDK); "file": all. */
  owner: "region" | "file";
  /** The INI scan of `after`, when planning made one: a 10 MB file is then scanned once, not twice. */
  afterScan?: IniScan;
}

/** The whole file is ours (for example a generated page); INI content must still load in botocore. */
export function planWholeFile(
  file: string,
  before: string | null,
  content: string,
  format: "ini" | "text",
): FilePlan {
  if (format === "ini") {
    const problems = checkIniStrict(content);
    if (problems.length > 0)
      throw new IniCheckError(
        file,
        "the generated file would not load in botocore",
        problems,
        "fix the template",
      );
  }
  return { file, before, after: content, changed: content !== before, dropped: [], format, owner: "file" };
}

/** Unified diff of the plan ("" when nothing changes); a new file is shown against /dev/null. */
export function unifiedDiff(plan: FilePlan): string {
  if (plan.after === plan.before) return "";
  const from = plan.before === null ? "/dev/null" : plan.file;
  return createTwoFilesPatch(from, plan.file, plan.before ?? "", plan.after, undefined, undefined, {
    context: 3,
    headerOptions: FILE_HEADERS_ONLY,
  });
}
