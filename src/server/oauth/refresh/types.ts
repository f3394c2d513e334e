import type { OAuth2Value } from "@/pieces/value-schema";
import type { ConnectionRow } from "@/server/connections/dto";
import type { UndecryptableError } from "@/server/encryption/undecryptable";
import type { ProviderErrorKind } from "../provider/errors";

export type RefreshTrigger = "schedule" | "use" | "check";

export type RefreshOutcome =
  | { result: "refreshed"; value: OAuth2Value; row: ConnectionRow }
  /** Nothing to do: the token is fresh (someone else refreshed it) or cannot be refreshed yet. */
  | { result: "skipped"; value: OAuth2Value | null; row: ConnectionRow }
  | { result: "failed"; kind: ProviderErrorKind; message: string; value: OAuth2Value | null; row: ConnectionRow }
  /** The claim was lost (the connection was reconnected or deleted meanwhile); nothing written. */
  | { result: "superseded"; row: ConnectionRow }
  /** The token or the app's client secret needs a key this server lacks: retried later, status untouched. */
  | { result: "undecryptable"; error: UndecryptableError; row: ConnectionRow };
