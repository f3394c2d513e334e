import { z } from "zod";

export const API_KEY_SCOPES = ["connections:read", "flows:write", "embed:sessions"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export const API_KEY_SCOPE_INFO: Record<ApiKeyScope, { label: string; description: string }> = {
  "connections:read": {
    label: "Read connections",
    description: "For the flow engine: resolve {{connections['…']}} references to decrypted credentials at run time.",
  },
  "flows:write": {
    label: "Write flows",
    description: "For the workflow editor: create, update, publish and delete flows.",
  },
  "embed:sessions": {
    label: "Open the connection picker",
    description: "For the workflow editor's back end: issue one-time embed tokens that open the connection picker in an iframe for a member of this project.",
  },
};

export const ZCreateApiKeyInput = z.object({
  name: z.string({ error: "A name is required" }).trim().min(1, "A name is required").max(100, "Use at most 100 characters"),
  scopes: z.array(z.enum(API_KEY_SCOPES)).min(1, "Choose at least one scope").max(API_KEY_SCOPES.length),
});
export type TCreateApiKeyInput = z.input<typeof ZCreateApiKeyInput>;

export const ZApiKeyId = z.string().trim().min(1).max(64);
