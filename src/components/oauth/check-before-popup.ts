import { LocalValidationError } from "@/components/connections/server-errors";
import { getPiece } from "@/pieces";
import { buildValueSchema } from "@/pieces/value-schema";
import { ZDisplayName } from "@/schemas/connections";

/**
 * The checks the server would make before sending anyone to the provider, run first in the
 * browser: an invalid form must not open (and flash) a popup. Null when the form is fine.
 */
export function checkBeforePopup(input: { pieceName: string; displayName?: string; props?: Record<string, unknown>; reconnect: boolean }) {
  const fieldErrors: Record<string, string> = {};
  if (!input.reconnect) {
    const name = ZDisplayName.safeParse(input.displayName ?? "");
    if (!name.success) fieldErrors.displayName = name.error.issues[0]?.message ?? "A name is required";
  }
  const auth = getPiece(input.pieceName)?.auths.find((a) => a.type === "OAUTH2");
  if (auth) {
    const parsed = buildValueSchema(auth).safeParse({ props: input.props ?? {} });
    if (!parsed.success) for (const issue of parsed.error.issues) fieldErrors[issue.path.join(".")] ??= issue.message;
  }
  const first = Object.values(fieldErrors)[0];
  return first ? new LocalValidationError(first, fieldErrors) : null;
}
