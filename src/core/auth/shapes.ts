// Which tool last wrote the token file, told from its shape alone (docs/internals/token-file-shapes.md 1):
// ByteNess aws-vault leaves only accessToken, expiresAt and maybe refreshToken; the JS SDK writes
// `JSON.stringify(…, null, 2)`; the AWS CLI and botocore write one line of Python json.dumps with the
// CLI's fields in the CLI's order (the two cannot be told apart). We write that layout too, so our own
// writes are recognised by the file's identity after the write instead (token-writes.ts).
export type TokenShape = "aws-cli/botocore" | "js-sdk" | "aws-vault" | "unknown";
export type TokenWriter = TokenShape | "aws-sso-sync";

const CLI_FIELDS = [
  "startUrl",
  "region",
  "accessToken",
  "expiresAt",
  "clientId",
  "clientSecret",
  "registrationExpiresAt",
  "refreshToken",
];
const AWS_VAULT_FIELDS = new Set(["accessToken", "expiresAt", "refreshToken"]);

export function tokenShape(text: string, o: Record<string, unknown>): TokenShape {
  const keys = Object.keys(o);
  if (keys.includes("accessToken") && keys.every((k) => AWS_VAULT_FIELDS.has(k))) return "aws-vault";
  if (/^\{\n {2}"/.test(text)) return "js-sdk";
  // botocore leaves refreshToken out when the answer had none; the order of the rest is fixed.
  const cliOrder = keys.every((k, i) => k === CLI_FIELDS[i]) && keys.length >= CLI_FIELDS.length - 1;
  const oneLine = !text.trimEnd().includes("\n") && text.includes('", "');
  return cliOrder && oneLine ? "aws-cli/botocore" : "unknown";
}

/** For `status`: who wrote the file, in words. */
export function describeWriter(w: TokenWriter): string {
  switch (w) {
    case "aws-sso-sync":
      return "aws-sso-sync";
    case "aws-cli/botocore":
      return "the AWS CLI or botocore (boto3)";
    case "js-sdk":
      return "the AWS JS SDK";
    case "aws-vault":
      return "aws-vault (ByteNess ≥ 7.10, exec --profile-env), without the client registration";
    default:
      return "an unknown tool";
  }
}
