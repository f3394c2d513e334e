import type { Piece } from "../types";
import { secretProp, textProp, urlProp } from "./shared";

export const corePieces: Piece[] = [
  {
    name: "http-request",
    displayName: "HTTP Request (no auth)",
    description: "Call any public HTTP endpoint.",
    category: "Core",
    icon: { letter: "H", color: "#0F766E" },
    auths: [],
  },
  {
    name: "webhook",
    displayName: "Webhook",
    description: "Start a flow when a URL is called.",
    category: "Core",
    icon: { letter: "W", color: "#7C3AED" },
    auths: [],
  },
  {
    name: "schedule",
    displayName: "Schedule",
    description: "Start a flow on a timetable or cron expression.",
    category: "Core",
    icon: { letter: "S", color: "#B45309" },
    auths: [],
  },
  {
    name: "data-mapper",
    displayName: "Data mapper",
    description: "Reshape data between steps.",
    category: "Core",
    icon: { letter: "D", color: "#4338CA" },
    auths: [],
  },
  {
    name: "http-basic",
    displayName: "HTTP Basic auth",
    description: "Call an HTTP API that uses Basic authentication.",
    category: "Core",
    icon: { letter: "H", color: "#0F766E" },
    auths: [
      {
        type: "BASIC",
        displayName: "Username and password",
        description: 'Sent as an "Authorization: Basic …" header. Use HTTPS endpoints only.',
        username: { displayName: "Username" },
        password: { displayName: "Password" },
      },
    ],
  },
  {
    name: "http-custom-headers",
    displayName: "HTTP (custom headers)",
    description: "Call an HTTP API that authenticates with a header such as X-API-Key.",
    category: "Core",
    icon: { letter: "H", color: "#0F766E" },
    auths: [
      {
        type: "CUSTOM",
        displayName: "Header",
        description: "A base URL and the header sent with every request to it.",
        props: {
          baseUrl: urlProp("Base URL", "Requests from flows are relative to this URL.", "https://api.example.com"),
          headerName: textProp("Header name", "For example X-API-Key or Authorization.", { placeholder: "X-API-Key" }),
          headerValue: secretProp("Header value", 'The key or token, exactly as the API expects it (include "Bearer " if needed).'),
        },
      },
    ],
  },
  {
    name: "oauth2-custom",
    displayName: "OAuth2 (custom app)",
    description: "Connect to any OAuth2 provider with your own client.",
    category: "Core",
    icon: { letter: "O2", color: "#1D4ED8" },
    auths: [
      {
        type: "OAUTH2",
        displayName: "Your OAuth2 app",
        description: "Register an app with the provider, set its redirect URL to the one shown here, then fill in its endpoints and client.",
        // Empty: taken from props.authUrl / props.tokenUrl at authorization time.
        authUrl: "",
        tokenUrl: "",
        scopes: [],
        pkce: true,
        grantType: "authorization_code",
        props: {
          authUrl: urlProp("Authorization URL", "The provider's authorize endpoint.", "https://auth.example.com/oauth/authorize"),
          tokenUrl: urlProp("Token URL", "The provider's token endpoint.", "https://auth.example.com/oauth/token"),
          clientId: textProp("Client ID", "From the app you registered with the provider."),
          clientSecret: secretProp("Client secret", "Leave empty for public clients that rely on PKCE only.", false),
          scopes: textProp("Scopes", "Space-separated, as the provider documents them.", { required: false, placeholder: "openid email offline_access" }),
        },
      },
    ],
  },
  {
    name: "oauth2-client-credentials",
    displayName: "OAuth2 (client credentials)",
    description: "Call an API as your own app: access tokens from a client id and secret, no user sign-in.",
    category: "Core",
    icon: { letter: "CC", color: "#1E40AF" },
    auths: [
      {
        type: "OAUTH2",
        displayName: "Client credentials",
        description: "The server asks the token URL for access tokens with this client (the client credentials grant) and asks again before they expire.",
        authUrl: "",
        tokenUrl: "",
        scopes: [],
        pkce: false,
        grantType: "client_credentials",
        props: {
          tokenUrl: urlProp("Token URL", "The provider's token endpoint.", "https://auth.example.com/oauth/token"),
          clientId: textProp("Client ID", "From the app you registered with the provider."),
          clientSecret: secretProp("Client secret", "From the app you registered with the provider."),
          scopes: textProp("Scopes", "Space-separated, as the provider documents them.", { required: false, placeholder: "read write" }),
        },
      },
    ],
  },
];
