import { z } from "zod";
import { zText } from "./primitives";

export const API_KEY_SCOPES = ["connections:read", "connections:list", "flows:read", "flows:write", "embed:sessions"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export const API_KEY_SCOPE_INFO: Record<ApiKeyScope, { label: string; description: string }> = {
  "connections:read": {
    label: "Read connections (credentials)",
    description:
      "For the flow engine: resolve {{connections['…']}} references to decrypted credentials at run time. Gives the secrets themselves: keep it to the engine.",
  },
  "connections:list": {
    label: "List connections and apps",
    description:
      "For the workflow editor's back end: list this project's connections (names, apps, status; never credentials) and the app catalogue with each app's auth fields.",
  },
  "flows:read": {
    label: "Read flows",
    description: "For the workflow editor: list this project's flows with the connections each references.",
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
  name: zText({ max: 100 }).trim().min(1, "A name is required"),
  scopes: z.array(z.enum(API_KEY_SCOPES)).min(1, "Choose at least one scope").max(API_KEY_SCOPES.length),
});
export type TCreateApiKeyInput = z.input<typeof ZCreateApiKeyInput>;

export const ZApiKeyId = zText({ max: 64 }).trim().min(1);
