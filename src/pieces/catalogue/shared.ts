import type { AuthProp, PieceAuth } from "../types";

type OAuth2Auth = Extract<PieceAuth, { type: "OAUTH2" }>;

export function googleOAuth2(appName: string, scopes: string[]): OAuth2Auth {
  return {
    type: "OAUTH2",
    displayName: `Sign in with Google`,
    description: `Grants access to ${appName} through your Google account. You can revoke it at myaccount.google.com/permissions.`,
    authUrl: "https://accounts.google.com/o/oauth2/v2/auth",
    tokenUrl: "https://oauth2.googleapis.com/token",
    scopes,
    pkce: true,
    grantType: "authorization_code",
    // Without these Google issues no refresh token after the first consent.
    extraAuthParams: { access_type: "offline", prompt: "consent" },
  };
}

export function microsoftOAuth2(appName: string, scopes: string[]): OAuth2Auth {
  return {
    type: "OAUTH2",
    displayName: "Sign in with Microsoft",
    description: `Grants access to ${appName} through a Microsoft work, school or personal account.`,
    authUrl: "https://login.microsoftonline.com/common/oauth2/v2.0/authorize",
    tokenUrl: "https://login.microsoftonline.com/common/oauth2/v2.0/token",
    scopes: ["offline_access", "User.Read", ...scopes],
    pkce: true,
    grantType: "authorization_code",
  };
}

export function hostProp(placeholder: string): AuthProp {
  return { displayName: "Host", type: "text", required: true, placeholder, description: "Host name or IP address of the server." };
}

export function portProp(defaultValue: number): AuthProp {
  return { displayName: "Port", type: "number", required: true, defaultValue, min: 1, max: 65535, integer: true };
}

export function secretProp(displayName: string, description: string, required = true): AuthProp {
  return { displayName, type: "secret", required, description };
}

export function textProp(displayName: string, description: string, extra: Partial<AuthProp> = {}): AuthProp {
  return { displayName, type: "text", required: true, description, ...extra };
}

export function urlProp(displayName: string, description: string, placeholder: string, required = true): AuthProp {
  return { displayName, type: "url", required, description, placeholder };
}
