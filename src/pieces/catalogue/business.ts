import type { Piece } from "../types";
import { secretProp, textProp } from "./shared";

// CRM & Sales and Payments.
export const businessPieces: Piece[] = [
  {
    name: "hubspot",
    displayName: "HubSpot",
    description: "Contacts, companies and deals in HubSpot CRM.",
    category: "CRM & Sales",
    icon: { slug: "hubspot", letter: "H", color: "#FF7A59" },
    auths: [
      {
        type: "OAUTH2",
        displayName: "Sign in with HubSpot",
        description: "Installs this server's HubSpot app in an account you choose.",
        authUrl: "https://app.hubspot.com/oauth/authorize",
        tokenUrl: "https://api.hubapi.com/oauth/v1/token",
        scopes: ["oauth", "crm.objects.contacts.read", "crm.objects.contacts.write", "crm.objects.companies.read", "crm.objects.deals.read"],
        pkce: false,
        grantType: "authorization_code",
      },
      {
        type: "SECRET_TEXT",
        displayName: "Private app access token",
        description:
          "In HubSpot open Settings → Integrations → Private Apps (Legacy Apps in newer accounts), create an app with the CRM scopes you need and copy its access token.",
        pattern: "^pat-[a-z0-9]+-[0-9a-f-]{30,}$",
        patternHint: 'HubSpot private app tokens start with "pat-", e.g. "pat-na1-…".',
      },
    ],
  },
  {
    name: "salesforce",
    displayName: "Salesforce",
    description: "Records, queries and reports in Salesforce.",
    category: "CRM & Sales",
    icon: { letter: "S", color: "#00A1E0" },
    auths: [
      {
        type: "OAUTH2",
        displayName: "Sign in with Salesforce",
        description: "Uses this server's Salesforce connected app to access your org.",
        authUrl: "https://login.salesforce.com/services/oauth2/authorize",
        tokenUrl: "https://login.salesforce.com/services/oauth2/token",
        scopes: ["api", "refresh_token"],
        pkce: true,
        grantType: "authorization_code",
      },
    ],
  },
  {
    name: "zendesk",
    displayName: "Zendesk",
    description: "Tickets and users in Zendesk Support.",
    category: "CRM & Sales",
    icon: { slug: "zendesk", letter: "Z", color: "#03363D" },
    auths: [
      {
        type: "CUSTOM",
        displayName: "Email and API token",
        description: "Zendesk API tokens are used together with an agent's email address.",
        props: {
          subdomain: textProp("Subdomain", "The part before .zendesk.com in your Zendesk address.", { placeholder: "acme" }),
          email: textProp("Email", "Email address of the agent the token acts for.", { placeholder: "agent@acme.com" }),
          apiToken: secretProp("API token", 'In Admin Center open Apps and integrations → APIs → Zendesk API, enable token access and click "Add API token".'),
        },
      },
    ],
  },
  {
    name: "stripe",
    displayName: "Stripe",
    description: "Customers, payments and subscriptions in Stripe.",
    category: "Payments",
    icon: { slug: "stripe", letter: "S", color: "#635BFF" },
    auths: [
      {
        type: "SECRET_TEXT",
        displayName: "Secret or restricted key",
        description:
          "In the Stripe Dashboard open Developers → API keys (dashboard.stripe.com/apikeys) and copy the secret key, or create a restricted key with only the permissions your flows need.",
        pattern: "^(sk|rk)_(live|test)_[A-Za-z0-9]{10,}$",
        patternHint: 'Stripe keys start with "sk_live_", "sk_test_", "rk_live_" or "rk_test_" (not the publishable "pk_" key).',
      },
    ],
  },
  {
    name: "paypal",
    displayName: "PayPal",
    description: "Orders, payouts and invoices with PayPal.",
    category: "Payments",
    icon: { slug: "paypal", letter: "P", color: "#002991" },
    auths: [
      {
        type: "CUSTOM",
        displayName: "REST app credentials",
        description: "At developer.paypal.com open Apps & Credentials, choose Sandbox or Live and open (or create) an app.",
        props: {
          clientId: textProp("Client ID", "Shown on the app's page."),
          clientSecret: secretProp("Client secret", 'Shown on the app\'s page under "Secret key".'),
          environment: {
            displayName: "Environment",
            type: "dropdown",
            required: true,
            defaultValue: "sandbox",
            options: [
              { label: "Sandbox", value: "sandbox" },
              { label: "Live", value: "live" },
            ],
          },
        },
      },
    ],
  },
];
