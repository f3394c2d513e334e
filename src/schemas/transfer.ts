import { z } from "zod";

export const PASSPHRASE_MIN = 10;
/** An export of a few thousand connections with their flows stays well under this. */
export const EXPORT_FILE_MAX_CHARS = 20_000_000;

export const ZPassphrase = z
  .string()
  .min(PASSPHRASE_MIN, `Use a passphrase of at least ${PASSPHRASE_MIN} characters`)
  .max(1_000, "Use at most 1,000 characters");

export const ZExportInput = z.object({ passphrase: ZPassphrase });
export type TExportInput = z.input<typeof ZExportInput>;

export const CONFLICT_MODES = ["stop", "rename", "skip"] as const;
export type ConflictMode = (typeof CONFLICT_MODES)[number];

export const ZImportInput = z.object({
  file: z.string().min(1, "Choose an export file").max(EXPORT_FILE_MAX_CHARS, "This file is too large to be an export"),
  passphrase: z.string().min(1, "Type the export's passphrase").max(1_000),
  /** On a name or external-id clash: stop and list them (default), import under new names, or leave those out. */
  onConflict: z.enum(CONFLICT_MODES).default("stop"),
});
export type TImportInput = z.input<typeof ZImportInput>;
