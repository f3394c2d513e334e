import { maskSecret } from "@/lib/mask";
import type { ConnectionValue, PropValue } from "./connection-value";
import type { AuthProp, PieceAuth } from "./types";

const MAX_SHOWN = 200;

function shown(text: string): string {
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
}

function maskProp(prop: AuthProp | undefined, value: PropValue): string {
  // A prop the auth does not declare is treated as secret: we cannot know better.
  if (!prop || prop.type === "secret") return maskSecret(String(value));
  if (prop.type === "checkbox") return value === true ? "Yes" : "No";
  if (prop.type === "dropdown") return prop.options?.find((option) => option.value === value)?.label ?? String(value);
  return shown(String(value));
}

function maskProps(declared: Record<string, AuthProp> | undefined, props: Record<string, PropValue>): Record<string, string> {
  return Object.fromEntries(Object.entries(props).map(([key, value]) => [key, maskProp(declared?.[key], value)]));
}

function declaredProps(auth: PieceAuth): Record<string, AuthProp> | undefined {
  return auth.type === "CUSTOM" || auth.type === "OAUTH2" ? auth.props : undefined;
}

/**
 * Hints for the fields of an OAuth2 authorization not finished yet (a custom app's endpoints and
 * client), so Reconnect can show them again.
 */
export function maskSetupProps(auth: PieceAuth, props: Record<string, PropValue>): Record<string, string> {
  return maskProps(declaredProps(auth), props);
}

/** Display hints for a stored value: secrets masked, everything else as entered. */
export function maskValue(auth: PieceAuth, value: ConnectionValue): Record<string, string> {
  switch (value.type) {
    case "SECRET_TEXT":
      return { secret_text: maskSecret(value.secret_text) };
    case "BASIC":
      return { username: shown(value.username), password: maskSecret(value.password) };
    case "CUSTOM_AUTH":
      return maskProps(declaredProps(auth), value.props);
    case "OAUTH2": {
      const hints: Record<string, string> = { access_token: maskSecret(value.access_token), token_type: value.token_type };
      if (value.refresh_token !== undefined) hints.refresh_token = maskSecret(value.refresh_token);
      if (value.expires_at !== undefined) hints.expires_at = value.expires_at;
      if (value.scope !== undefined) hints.scope = shown(value.scope);
      if (value.client_id !== undefined) hints.client_id = shown(value.client_id);
      return { ...hints, ...maskProps(declaredProps(auth), value.props ?? {}) };
    }
  }
}
