import type { Piece } from "../types";
import { googleOAuth2, secretProp, textProp } from "./shared";

export const productivityPieces: Piece[] = [
  {
    name: "google-sheets",
    displayName: "Google Sheets",
    description: "Read, append and update rows in spreadsheets.",
    category: "Productivity",
    icon: { slug: "googlesheets", letter: "S", color: "#34A853" },
    auths: [googleOAuth2("Google Sheets", ["https://www.googleapis.com/auth/spreadsheets", "https://www.googleapis.com/auth/drive.readonly"])],
  },
  {
    name: "google-calendar",
    displayName: "Google Calendar",
    description: "Create events and react to calendar changes.",
    category: "Productivity",
    icon: { slug: "googlecalendar", letter: "C", color: "#4285F4" },
    auths: [googleOAuth2("Google Calendar", ["https://www.googleapis.com/auth/calendar.events", "https://www.googleapis.com/auth/calendar.readonly"])],
  },
  {
    name: "notion",
    displayName: "Notion",
    description: "Create pages and query databases in Notion.",
    category: "Productivity",
    icon: { slug: "notion", letter: "N", color: "#000000" },
    auths: [
      {
        type: "OAUTH2",
        displayName: "Sign in with Notion",
        description: "You choose which pages the connection may access.",
        authUrl: "https://api.notion.com/v1/oauth/authorize",
        tokenUrl: "https://api.notion.com/v1/oauth/token",
        scopes: [],
        pkce: false,
        grantType: "authorization_code",
        extraAuthParams: { owner: "user" },
      },
      {
        type: "SECRET_TEXT",
        displayName: "Internal integration secret",
        description:
          'At notion.so/profile/integrations open your internal integration and copy the "Internal Integration Secret"; then share the pages it needs with the integration (⋯ → Connections).',
        pattern: "^(ntn_|secret_)[A-Za-z0-9]{20,}$",
        patternHint: 'Notion secrets start with "ntn_" (or "secret_" for older ones).',
      },
    ],
  },
  {
    name: "airtable",
    displayName: "Airtable",
    description: "Read and write records in Airtable bases.",
    category: "Productivity",
    icon: { slug: "airtable", letter: "A", color: "#18BFFF" },
    auths: [
      {
        type: "SECRET_TEXT",
        displayName: "Personal access token",
        description:
          'At airtable.com/create/tokens click "Create token", add the scopes data.records:read, data.records:write and schema.bases:read, and pick the bases it may access.',
        pattern: "^pat[A-Za-z0-9]{10,}\\.[A-Za-z0-9]{20,}$",
        patternHint: 'Airtable personal access tokens start with "pat".',
      },
      {
        type: "OAUTH2",
        displayName: "Sign in with Airtable",
        description: "You choose which bases the connection may access.",
        authUrl: "https://airtable.com/oauth2/v1/authorize",
        tokenUrl: "https://airtable.com/oauth2/v1/token",
        scopes: ["data.records:read", "data.records:write", "schema.bases:read"],
        pkce: true,
        grantType: "authorization_code",
      },
    ],
  },
  {
    name: "todoist",
    displayName: "Todoist",
    description: "Create and complete tasks in Todoist.",
    category: "Productivity",
    icon: { slug: "todoist", letter: "T", color: "#E44332" },
    auths: [
      {
        type: "SECRET_TEXT",
        displayName: "API token",
        description: "In Todoist open Settings → Integrations → Developer and copy the API token.",
        pattern: "^[0-9a-f]{40}$",
        patternHint: "Todoist API tokens are 40 hexadecimal characters.",
      },
    ],
  },
  {
    name: "asana",
    displayName: "Asana",
    description: "Create tasks and follow projects in Asana.",
    category: "Productivity",
    icon: { slug: "asana", letter: "A", color: "#F06A6A" },
    auths: [
      {
        type: "SECRET_TEXT",
        displayName: "Personal access token",
        description: 'In the Asana developer console (app.asana.com/0/my-apps) click "Create new token".',
      },
    ],
  },
  {
    name: "clickup",
    displayName: "ClickUp",
    description: "Manage tasks, lists and spaces in ClickUp.",
    category: "Productivity",
    icon: { slug: "clickup", letter: "C", color: "#7B68EE" },
    auths: [
      {
        type: "SECRET_TEXT",
        displayName: "Personal API token",
        description: 'In ClickUp open your avatar → Settings → Apps and click "Generate" under API Token.',
        pattern: "^pk_[A-Za-z0-9_]{20,}$",
        patternHint: 'ClickUp personal tokens start with "pk_".',
      },
    ],
  },
  {
    name: "trello",
    displayName: "Trello",
    description: "Create cards and move them across Trello boards.",
    category: "Productivity",
    icon: { slug: "trello", letter: "T", color: "#0052CC" },
    auths: [
      {
        type: "CUSTOM",
        displayName: "API key and token",
        description: "Trello needs both a Power-Up API key and a user token.",
        props: {
          apiKey: textProp("API key", "At trello.com/power-ups/admin open (or create) a Power-Up → API key."),
          token: secretProp("Token", 'Click the "Token" link next to the API key on the same page and allow access.'),
        },
      },
    ],
  },
];
