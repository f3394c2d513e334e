import { z } from "zod";

// What gets encrypted at rest, and what the engine API hands to flows.
const propValue = z.union([z.string(), z.number(), z.boolean()]);

export const secretTextValueSchema = z.object({ type: z.literal("SECRET_TEXT"), secret_text: z.string() });
export const basicValueSchema = z.object({ type: z.literal("BASIC"), username: z.string(), password: z.string() });
export const customAuthValueSchema = z.object({ type: z.literal("CUSTOM_AUTH"), props: z.record(z.string(), propValue) });
export const oauth2ValueSchema = z.object({
  type: z.literal("OAUTH2"),
  access_token: z.string(),
  refresh_token: z.string().optional(),
  token_type: z.string(),
  /** ISO 8601. */
  expires_at: z.iso.datetime({ offset: true }).optional(),
  scope: z.string().optional(),
  client_id: z.string().optional(),
  props: z.record(z.string(), propValue).optional(),
});

export const connectionValueSchema = z.discriminatedUnion("type", [secretTextValueSchema, basicValueSchema, customAuthValueSchema, oauth2ValueSchema]);

export type ConnectionValue = z.infer<typeof connectionValueSchema>;
export type SecretTextValue = z.infer<typeof secretTextValueSchema>;
export type BasicValue = z.infer<typeof basicValueSchema>;
export type CustomAuthValue = z.infer<typeof customAuthValueSchema>;
export type OAuth2Value = z.infer<typeof oauth2ValueSchema>;
export type PropValue = z.infer<typeof propValue>;
