import { TRPCClientError } from "@trpc/client";

export interface FormErrors {
  /** Messages keyed like the server's fieldErrors: "displayName", "credentials.props.port", ... */
  fields: Record<string, string>;
  message: string;
}

/** A form the browser already found invalid, keyed like the server's fieldErrors. */
export class LocalValidationError extends Error {
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string>,
  ) {
    super(message);
  }
}

/** Pulls per-field messages out of a failed tRPC mutation (or a LocalValidationError). */
export function toFormErrors(error: unknown): FormErrors {
  if (error instanceof LocalValidationError) return { fields: error.fieldErrors, message: error.message };
  if (error instanceof TRPCClientError) {
    const data = error.data as { fieldErrors?: Record<string, string> | null } | undefined;
    return { fields: data?.fieldErrors ?? {}, message: error.message };
  }
  return { fields: {}, message: error instanceof Error ? error.message : "Something went wrong" };
}

/**
 * The message for the form-level alert: the app validator's verdict, or the error itself when
 * no field claims it (so nothing is ever swallowed).
 */
export function formLevelMessage(errors: FormErrors | null, claimedKeys: string[]): string | null {
  if (!errors) return null;
  if (errors.fields.credentials) return errors.fields.credentials;
  const claimed = Object.keys(errors.fields).some((key) => claimedKeys.includes(key));
  return claimed ? null : errors.message;
}
