import type { CliCommand } from "../io";
import { auditVerify } from "./audit-verify";
import { exportCommand } from "./export";
import { helpFor } from "./help";
import { importCommand } from "./import";
import { projectsList } from "./projects-list";
import { usersDisable, usersEnable } from "./users-disable";
import { usersList } from "./users-list";
import { usersMakeAdmin } from "./users-make-admin";
import { usersResetPassword } from "./users-reset-password";

/** `npm run admin -- <name> …`: one command per file, registered here. */
export const commands: Record<string, CliCommand> = {
  "users:list": usersList,
  "users:reset-password": usersResetPassword,
  "users:disable": usersDisable,
  "users:enable": usersEnable,
  "users:make-admin": usersMakeAdmin,
  "projects:list": projectsList,
  "audit:verify": auditVerify,
  export: exportCommand,
  import: importCommand,
  help: helpFor(() => commands),
};
