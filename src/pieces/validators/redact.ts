import type { ConnectionValue } from "../connection-value";
import type { PieceAuth } from "../types";

/** Every secret string in a value: declared secret props, passwords, keys, tokens, undeclared props. */
export function secretsOf(auth: PieceAuth, value: ConnectionValue): string[] {
  const declared = auth.type === "CUSTOM" || auth.type === "OAUTH2" ? (auth.props ?? {}) : {};
  const secretProps = (props: Record<string, unknown>) =>
    Object.entries(props)
      .filter(([key]) => declared[key] === undefined || declared[key]!.type === "secret")
      .map(([, v]) => String(v));
  switch (value.type) {
    case "SECRET_TEXT":
      return [value.secret_text];
    case "BASIC":
      return [value.password];
    case "CUSTOM_AUTH":
      return secretProps(value.props);
    case "OAUTH2":
      return [value.access_token, ...(value.refresh_token ? [value.refresh_token] : []), ...secretProps(value.props ?? {})];
  }
}

/** Last line of defence: a message that quotes a secret is replaced wholesale. */
export function leaksSecret(message: string, secrets: string[]): boolean {
  return secrets.some((secret) => secret.length >= 4 && message.includes(secret));
}
