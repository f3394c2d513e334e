import type { CliCommand } from "../io";
import { exportCommand } from "./export";
import { importCommand } from "./import";

export type { CliIO } from "../io";

/** Every `npm run admin -- <command>`; one file per command. */
export const commands: Record<string, CliCommand> = {
  export: exportCommand,
  import: importCommand,
};
