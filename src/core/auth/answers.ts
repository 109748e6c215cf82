// The OIDC answers the login and refresh flows believe (docs/internals/api-answers.md): what botocore
// and the AWS CLI read without a default is required here too, so a `200 {}` is an error, not a token.
import { z } from "zod";
import { expected } from "../answer-shape.ts";

const text = (what: string) => z.string(expected(what)).min(1, `expected ${what}`);
const seconds = (what: string) =>
  z.number(expected(what)).int(`expected ${what}`).positive(`expected ${what}`);

export const registerClientAnswer = z.object({
  clientId: text("a client id"),
  clientSecret: text("a client secret"),
  clientSecretExpiresAt: seconds("epoch seconds"),
  clientIdIssuedAt: seconds("epoch seconds").nullish(),
});

export const startDeviceAuthorizationAnswer = z
  .object({
    deviceCode: text("a device code"),
    userCode: text("a user code"),
    verificationUri: text("a URL").nullish(),
    verificationUriComplete: text("a URL").nullish(),
    expiresIn: seconds("whole seconds"),
    interval: seconds("whole seconds").nullish(),
  })
  .refine((a) => !!a.verificationUri || !!a.verificationUriComplete, {
    message: "missing (and no verificationUriComplete)",
    path: ["verificationUri"],
  });

/** Every grant's answer: device code, authorization code and refresh token. */
export const createTokenAnswer = z.object({
  accessToken: text("an access token"),
  expiresIn: seconds("whole seconds"),
  tokenType: z.string(expected("a string")).nullish(),
  refreshToken: text("a refresh token").nullish(),
});
