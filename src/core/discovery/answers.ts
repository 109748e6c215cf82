// The portal answers discovery believes: ListAccounts must carry `accountList` and ListAccountRoles
// `roleList` (a success without its list is a protocol error, never an empty organisation), every
// account a 12-digit id and every role a name (docs/internals/api-answers.md).
import { z } from "zod";
import { checkAnswer, expected, UnexpectedAnswerError } from "../answer-shape.ts";

const ACCOUNT_ID = /^\d{12}$/;
const HINT =
  "the portal answered success without the data; if it persists, check AWS_ENDPOINT_URL_SSO and any proxy in between";

const accountId = z.string(expected("a string")).regex(ACCOUNT_ID, "expected a 12-digit account id");
const nextToken = z.string(expected("a string")).nullish();

const listAccounts = z.object({
  accountList: z.array(
    z.object({
      accountId,
      accountName: z.string(expected("a string")).nullish(),
      emailAddress: z.string(expected("a string")).nullish(),
    }),
    expected("a list of accounts"),
  ),
  nextToken,
});

const listAccountRoles = z.object({
  roleList: z.array(
    z.object({
      roleName: z.string(expected("a role name")).min(1, "expected a role name"),
      accountId: accountId.optional(),
    }),
    expected("a list of roles"),
  ),
  nextToken,
});

export type AccountsAnswer = z.output<typeof listAccounts>;

export function checkListAccounts(answer: unknown): AccountsAnswer {
  return checkAnswer("ListAccounts", listAccounts, answer, HINT);
}

/** The roles of `forAccount`; a role listed for another account is as wrong as a missing name. */
export function checkListAccountRoles(answer: unknown, forAccount: string) {
  const out = checkAnswer("ListAccountRoles", listAccountRoles, answer, HINT);
  const stray = out.roleList.findIndex((r) => r.accountId !== undefined && r.accountId !== forAccount);
  if (stray !== -1) {
    throw new UnexpectedAnswerError(
      "ListAccountRoles",
      [`roleList.${stray}.accountId: names another account than the one asked for`],
      HINT,
    );
  }
  return out;
}
