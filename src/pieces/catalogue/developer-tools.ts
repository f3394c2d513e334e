import type { Piece } from "../types";
import { secretProp, textProp, urlProp } from "./shared";

export const developerToolPieces: Piece[] = [
  {
    name: "github",
    displayName: "GitHub",
    description: "Issues, pull requests and repositories on GitHub.",
    category: "Developer tools",
    icon: { slug: "github", letter: "G", color: "#181717" },
    auths: [
      {
        type: "OAUTH2",
        displayName: "Sign in with GitHub",
        description: "Authorizes this server's GitHub OAuth app for your account.",
        authUrl: "https://github.com/login/oauth/authorize",
        tokenUrl: "https://github.com/login/oauth/access_token",
        scopes: ["repo", "read:user"],
        pkce: false,
        grantType: "authorization_code",
      },
      {
        type: "SECRET_TEXT",
        displayName: "Personal access token",
        description:
          "On GitHub open Settings → Developer settings → Personal access tokens (github.com/settings/tokens) and generate a fine-grained or classic token.",
        pattern: "^(ghp_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{22,})$",
        patternHint: 'GitHub tokens start with "github_pat_" (fine-grained) or "ghp_" (classic).',
      },
    ],
  },
  {
    name: "gitlab",
    displayName: "GitLab",
    description: "Issues, merge requests and pipelines on GitLab.com.",
    category: "Developer tools",
    icon: { slug: "gitlab", letter: "G", color: "#FC6D26" },
    auths: [
      {
        type: "SECRET_TEXT",
        displayName: "Personal access token",
        description: 'On GitLab open your avatar → Edit profile → Access tokens → Add new token, with the "api" scope.',
        pattern: "^glpat-[A-Za-z0-9_.-]{20,}$",
        patternHint: 'GitLab personal access tokens start with "glpat-".',
      },
    ],
  },
  {
    name: "linear",
    displayName: "Linear",
    description: "Create and update issues in Linear.",
    category: "Developer tools",
    icon: { slug: "linear", letter: "L", color: "#5E6AD2" },
    auths: [
      {
        type: "SECRET_TEXT",
        displayName: "API key",
        description: 'In Linear open Settings → Account → Security & access and create a key under "Personal API keys".',
        pattern: "^lin_api_[A-Za-z0-9]{20,}$",
        patternHint: 'Linear API keys start with "lin_api_".',
      },
    ],
  },
  {
    name: "jira-cloud",
    displayName: "Jira Cloud",
    description: "Create and transition issues in Jira Cloud.",
    category: "Developer tools",
    icon: { slug: "jira", letter: "J", color: "#0052CC" },
    auths: [
      {
        type: "CUSTOM",
        displayName: "Email and API token",
        description: "Jira Cloud uses your Atlassian account email with an API token.",
        props: {
          siteUrl: urlProp("Site URL", "The address of your Jira site.", "https://your-team.atlassian.net"),
          email: textProp("Email", "The email address of your Atlassian account.", { placeholder: "you@example.com" }),
          apiToken: secretProp("API token", "Create one at id.atlassian.com/manage-profile/security/api-tokens."),
        },
      },
    ],
  },
  {
    name: "jira-data-center",
    displayName: "Jira Data Center",
    description: "Create and transition issues in a self-managed Jira Server or Data Center.",
    category: "Developer tools",
    icon: { slug: "jira", letter: "J", color: "#0052CC" },
    auths: [
      {
        type: "CUSTOM",
        displayName: "Personal access token",
        description: "Jira Data Center 8.14 and later accept personal access tokens.",
        props: {
          baseUrl: urlProp("Base URL", "The address of your Jira instance.", "https://jira.example.com"),
          personalAccessToken: secretProp("Personal access token", "In Jira open your avatar → Profile → Personal Access Tokens → Create token."),
        },
      },
    ],
  },
];
