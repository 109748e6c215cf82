// Errors of the managed-file writer. All are AppErrors, so the CLI boundary renders them; each says which
// file (and line) is at fault and that nothing was written.
import { AppError } from "../errors.ts";

/** Marker lines are unbalanced or nested: we cannot tell which text is ours. */
export class MarkerError extends AppError {
  readonly file: string;
  readonly problems: readonly string[];
  constructor(file: string, problems: readonly string[]) {
    super(`${file}: malformed aws-sso-sync markers; nothing written:\n  ${problems.join("\n  ")}`, {
      hint: "fix or delete the aws-sso-sync BEGIN/END lines by hand, then sync again",
    });
    this.file = file;
    this.problems = problems;
  }
}

/** Another tool broke marker lines that no configured output can rebuild: only `repair` may touch them. */
export class RegionsUnclearError extends AppError {
  constructor(message: string, hint: string) {
    super(message, { hint });
  }
}

/** The result would not load in botocore or the JS SDK, or two outputs claim the same section. */
export class IniCheckError extends AppError {
  readonly file: string;
  readonly problems: readonly string[];
  constructor(file: string, what: string, problems: readonly string[], hint: string) {
    super(`${file}: ${what}; nothing written:\n  ${problems.join("\n  ")}`, { hint });
    this.file = file;
    this.problems = problems;
  }
}

/** Someone else wrote the file between our read and our write; the caller should plan again. */
export class FileChangedError extends AppError {
  readonly file: string;
  constructor(file: string) {
    super(`${file} changed on disk while aws-sso-sync was preparing it; nothing written`, {
      hint: "sync again (the next run plans from the new contents)",
    });
    this.file = file;
  }
}
