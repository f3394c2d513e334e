import { z } from "zod";
import type { BasicValue, CustomAuthValue, PropValue, SecretTextValue } from "./connection-value";
import { propField, stringField } from "./prop-schema";
import type { AuthProp, PieceAuth } from "./types";

export {
  connectionValueSchema,
  type BasicValue,
  type ConnectionValue,
  type CustomAuthValue,
  type OAuth2Value,
  type PropValue,
  type SecretTextValue,
} from "./connection-value";
export { maskSetupProps, maskValue } from "./mask-value";
export { MAX_FIELD_BYTES } from "./prop-schema";

/** Fields asked before an OAuth2 authorization; tokens are added once the provider answers. */
export interface OAuth2SetupInput {
  type: "OAUTH2";
  props: Record<string, PropValue>;
}

/** What a connection form produces once parsed by {@link buildValueSchema}. */
export type CredentialInput = SecretTextValue | BasicValue | CustomAuthValue | OAuth2SetupInput;

const OBJECT_ERROR = { error: "Enter the connection's credentials" };

function propsSchema(props: Record<string, AuthProp>) {
  const shape = Object.fromEntries(Object.entries(props).map(([key, prop]) => [key, propField(prop)]));
  return z
    .object(shape, OBJECT_ERROR)
    .transform((parsed) => Object.fromEntries(Object.entries(parsed).filter(([, value]) => value !== undefined)) as Record<string, PropValue>);
}

/**
 * Zod schema for the credentials a user enters for `auth`. Accepts form input
 * (strings everywhere, blank = not given) and outputs a typed value.
 */
export function buildValueSchema(auth: PieceAuth): z.ZodType<CredentialInput> {
  switch (auth.type) {
    case "SECRET_TEXT":
      return z
        .object({ secret_text: stringField(auth.displayName, true) }, OBJECT_ERROR)
        .transform(({ secret_text }): SecretTextValue => ({ type: "SECRET_TEXT", secret_text: secret_text as string }));
    case "BASIC":
      return z
        .object({ username: stringField(auth.username.displayName, true), password: stringField(auth.password.displayName, true) }, OBJECT_ERROR)
        .transform(({ username, password }): BasicValue => ({
          type: "BASIC",
          username: username as string,
          password: password as string,
        }));
    case "CUSTOM":
      return z.object({ props: propsSchema(auth.props) }, OBJECT_ERROR).transform(({ props }): CustomAuthValue => ({ type: "CUSTOM_AUTH", props }));
    case "OAUTH2":
      return z
        .object({ props: propsSchema(auth.props ?? {}).optional() }, OBJECT_ERROR)
        .transform(({ props }): OAuth2SetupInput => ({ type: "OAUTH2", props: props ?? {} }));
  }
}
