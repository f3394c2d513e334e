// Client-safe catalogue types: no node-only imports in src/pieces outside validators/.

export type AuthPropType = "text" | "secret" | "number" | "checkbox" | "dropdown" | "url" | "textarea";

export interface AuthProp {
  displayName: string;
  type: AuthPropType;
  required: boolean;
  description?: string;
  placeholder?: string;
  defaultValue?: string | number | boolean;
  options?: { label: string; value: string }[];
  /** Number props only: inclusive bounds. */
  min?: number;
  max?: number;
  /** Number props only: refuse fractions (ports, counts). */
  integer?: boolean;
}

export type PieceAuth =
  | {
      type: "SECRET_TEXT";
      displayName: string;
      description: string;
      /** Regex source the key should match, for the shape check. */
      pattern?: string;
      patternHint?: string;
    }
  | {
      type: "BASIC";
      displayName: string;
      description: string;
      username: { displayName: string; description?: string };
      password: { displayName: string; description?: string };
    }
  | { type: "CUSTOM"; displayName: string; description: string; props: Record<string, AuthProp> }
  | {
      type: "OAUTH2";
      displayName: string;
      description: string;
      /** Empty for the generic custom app: then props.authUrl / props.tokenUrl hold them. */
      authUrl: string;
      tokenUrl: string;
      scopes: string[];
      pkce: boolean;
      grantType: "authorization_code" | "client_credentials";
      extraAuthParams?: Record<string, string>;
      /** Extra fields asked before authorizing, e.g. an instance URL, or a custom app's client id. */
      props?: Record<string, AuthProp>;
    };

export type AuthType = PieceAuth["type"];

export interface PieceIcon {
  /** simple-icons slug: the brand icon is served as public/piece-icons/<slug>.svg (scripts/generate-piece-icons.ts). */
  slug?: string;
  /** Badge fallback when there is no brand icon. One or two characters. */
  letter: string;
  /** Badge background, "#RRGGBB". */
  color: string;
}

export type PieceCategory =
  "AI" | "Communication" | "Productivity" | "Developer tools" | "Databases" | "CRM & Sales" | "Payments" | "Marketing" | "Storage" | "Core";

export interface Piece {
  name: string;
  displayName: string;
  description: string;
  category: PieceCategory;
  icon: PieceIcon;
  /** Empty: the piece needs no connection. */
  auths: PieceAuth[];
}
