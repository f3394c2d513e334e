import type { AuthProp, Piece, PieceAuth } from "@/pieces";

/** One input of a connection form, whatever auth type it came from. */
export interface CredentialFieldSpec {
  key: string;
  /** Key of the server's fieldErrors entry for this field. */
  errorKey: string;
  prop: AuthProp;
}

export type CredentialValues = Record<string, string | boolean>;

export const AUTH_TYPE_LABELS: Record<PieceAuth["type"], string> = {
  SECRET_TEXT: "API key",
  BASIC: "Basic auth",
  CUSTOM: "Custom auth",
  OAUTH2: "OAuth2",
};

/** The inputs a user types for `auth`. */
export function credentialFields(auth: PieceAuth): CredentialFieldSpec[] {
  switch (auth.type) {
    case "SECRET_TEXT":
      return [
        {
          key: "secret_text",
          errorKey: "credentials.secret_text",
          prop: { displayName: auth.displayName, type: "secret", required: true, description: auth.description },
        },
      ];
    case "BASIC":
      return [
        {
          key: "username",
          errorKey: "credentials.username",
          prop: { displayName: auth.username.displayName, type: "text", required: true, description: auth.username.description },
        },
        {
          key: "password",
          errorKey: "credentials.password",
          prop: { displayName: auth.password.displayName, type: "secret", required: true, description: auth.password.description },
        },
      ];
    case "CUSTOM":
      return Object.entries(auth.props).map(([key, prop]) => ({ key, errorKey: `credentials.props.${key}`, prop }));
    case "OAUTH2":
      // Fields asked before authorizing (a custom app's endpoints and client); tokens come from the provider.
      return Object.entries(auth.props ?? {}).map(([key, prop]) => ({ key, errorKey: `props.${key}`, prop }));
  }
}

function defaultValueOf(prop: AuthProp): string | boolean {
  if (prop.type === "checkbox") return prop.defaultValue === true;
  return prop.defaultValue === undefined ? "" : String(prop.defaultValue);
}

export function initialValues(auth: PieceAuth): CredentialValues {
  return Object.fromEntries(credentialFields(auth).map((field) => [field.key, defaultValueOf(field.prop)]));
}

/**
 * Values for "update credentials": non-secret fields start from what is stored (their hints
 * are shown as entered), secrets start empty because the server never sends them back.
 */
export function valuesFromHints(auth: PieceAuth, hints: Record<string, string>): CredentialValues {
  const values = initialValues(auth);
  for (const { key, prop } of credentialFields(auth)) {
    const hint = hints[key];
    if (hint === undefined || prop.type === "secret") continue;
    if (prop.type === "checkbox") values[key] = hint === "Yes";
    else if (prop.type === "dropdown") values[key] = prop.options?.find((o) => o.label === hint)?.value ?? "";
    // A hint ending in "…" was shortened for display: it is not the stored value.
    else if (!hint.endsWith("…")) values[key] = hint;
  }
  return values;
}

/** The `credentials` payload the connection procedures expect for `auth`. */
export function toCredentialsPayload(auth: PieceAuth, values: CredentialValues): Record<string, unknown> {
  if (auth.type === "CUSTOM") return { props: values };
  return values;
}

export function findAuth(piece: Piece | undefined, type: string): PieceAuth | undefined {
  return piece?.auths.find((auth) => auth.type === type);
}

const FALLBACK_HINT_LABELS: Record<string, string> = {
  secret_text: "Secret",
  username: "Username",
  password: "Password",
  access_token: "Access token",
  refresh_token: "Refresh token",
  token_type: "Token type",
  expires_at: "Expires at",
  scope: "Scopes",
  client_id: "Client ID",
};

/** A readable label for a masked value hint, taken from the auth schema when it declares the key. */
export function hintLabel(auth: PieceAuth | undefined, key: string): string {
  const declared = auth ? credentialFields(auth).find((field) => field.key === key) : undefined;
  if (declared) return declared.prop.displayName;
  if (auth?.type === "OAUTH2" && auth.props?.[key]) return auth.props[key].displayName;
  return FALLBACK_HINT_LABELS[key] ?? key;
}
