import type { Piece } from "../types";
import { secretProp, textProp, urlProp } from "./shared";

export const marketingPieces: Piece[] = [
  {
    name: "mailchimp",
    displayName: "Mailchimp",
    description: "Audiences, tags and campaigns in Mailchimp.",
    category: "Marketing",
    icon: { slug: "mailchimp", letter: "M", color: "#FFE01B" },
    auths: [
      {
        type: "SECRET_TEXT",
        displayName: "API key",
        description: 'In Mailchimp open your profile → Extras → API keys and click "Create A Key".',
        pattern: "^[0-9a-f]{32}-[a-z]+[0-9]+$",
        patternHint: 'Mailchimp API keys end with the data center, e.g. "…-us21".',
      },
    ],
  },
  {
    name: "brevo",
    displayName: "Brevo",
    description: "Contacts, email and SMS campaigns in Brevo (formerly Sendinblue).",
    category: "Marketing",
    icon: { slug: "brevo", letter: "B", color: "#0B996E" },
    auths: [
      {
        type: "SECRET_TEXT",
        displayName: "API key",
        description: 'In Brevo open your profile → SMTP & API → API Keys and click "Generate a new API key".',
        pattern: "^xkeysib-[A-Za-z0-9-]{20,}$",
        patternHint: 'Brevo API keys start with "xkeysib-".',
      },
    ],
  },
  {
    name: "wordpress",
    displayName: "WordPress",
    description: "Create and update posts on a WordPress site.",
    category: "Marketing",
    icon: { slug: "wordpress", letter: "W", color: "#21759B" },
    auths: [
      {
        type: "CUSTOM",
        displayName: "Application password",
        description: "WordPress 5.6+ application passwords; the site must be served over HTTPS.",
        props: {
          siteUrl: urlProp("Site URL", "The address of your WordPress site.", "https://blog.example.com"),
          username: textProp("Username", "Your WordPress user name."),
          applicationPassword: secretProp(
            "Application password",
            'In WP Admin open Users → Profile → Application Passwords, enter a name and click "Add New Application Password".',
          ),
        },
      },
    ],
  },
];
