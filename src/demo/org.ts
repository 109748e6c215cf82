// The demo's sample organisation: ordinary accounts plus a few names that break naive generators.
import type { Org } from "../emulator/index.ts";

const roles = (...r: string[]) => r;

export const demoOrg: Org = {
  accounts: [
    {
      accountId: "111111111111",
      accountName: "Production",
      emailAddress: "aws-prod@example.com",
      roles: roles("AdministratorAccess", "ReadOnlyAccess"),
    },
    {
      accountId: "222222222222",
      accountName: "Staging",
      emailAddress: "aws-staging@example.com",
      roles: roles("AdministratorAccess", "PowerUserAccess"),
    },
    {
      accountId: "333333333333",
      accountName: "Sandbox",
      emailAddress: "aws-sandbox-1@example.com",
      roles: roles("AdministratorAccess"),
    },
    {
      accountId: "444444444444",
      accountName: "Sandbox",
      emailAddress: "aws-sandbox-2@example.com",
      roles: roles("AdministratorAccess"),
    },
    {
      accountId: "555555555555",
      accountName: "Data [EU] #1 = $(rm -rf ~)",
      emailAddress: "aws-data@example.com",
      roles: roles("DataEngineer", "ReadOnlyAccess"),
    },
    {
      accountId: "666666666666",
      accountName: "Zürich 'Shared' `Services`",
      emailAddress: "aws-shared@example.com",
      roles: roles("NetworkAdmin"),
    },
  ],
};
