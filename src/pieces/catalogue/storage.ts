import type { Piece } from "../types";
import { googleOAuth2, secretProp, textProp, urlProp } from "./shared";

export const storagePieces: Piece[] = [
  {
    name: "google-drive",
    displayName: "Google Drive",
    description: "Upload, download and organise files in Google Drive.",
    category: "Storage",
    icon: { slug: "googledrive", letter: "D", color: "#4285F4" },
    auths: [googleOAuth2("Google Drive", ["https://www.googleapis.com/auth/drive"])],
  },
  {
    name: "dropbox",
    displayName: "Dropbox",
    description: "Upload, download and share files in Dropbox.",
    category: "Storage",
    icon: { slug: "dropbox", letter: "D", color: "#0061FF" },
    auths: [
      {
        type: "OAUTH2",
        displayName: "Sign in with Dropbox",
        description: "Grants access to the files in your Dropbox.",
        authUrl: "https://www.dropbox.com/oauth2/authorize",
        tokenUrl: "https://api.dropboxapi.com/oauth2/token",
        scopes: ["account_info.read", "files.metadata.read", "files.content.read", "files.content.write"],
        pkce: true,
        grantType: "authorization_code",
        // Dropbox only returns a refresh token for offline access.
        extraAuthParams: { token_access_type: "offline" },
      },
    ],
  },
  {
    name: "box",
    displayName: "Box",
    description: "Files and folders in Box.",
    category: "Storage",
    icon: { slug: "box", letter: "B", color: "#0061D5" },
    auths: [
      {
        type: "OAUTH2",
        displayName: "Sign in with Box",
        description: "Grants access to the files your Box user can see.",
        authUrl: "https://account.box.com/api/oauth2/authorize",
        tokenUrl: "https://api.box.com/oauth2/token",
        scopes: ["root_readwrite"],
        pkce: false,
        grantType: "authorization_code",
      },
    ],
  },
  {
    name: "amazon-s3",
    displayName: "Amazon S3",
    description: "Objects in Amazon S3 or S3-compatible storage (MinIO, Cloudflare R2, Backblaze B2).",
    category: "Storage",
    icon: { letter: "S3", color: "#3F8624" },
    auths: [
      {
        type: "CUSTOM",
        displayName: "Access key",
        description:
          "In the AWS console open IAM → Users → your user → Security credentials → Create access key. Prefer a user limited to the buckets your flows use.",
        props: {
          accessKeyId: textProp("Access key ID", 'Starts with "AKIA" on AWS.', { placeholder: "AKIA…" }),
          secretAccessKey: secretProp("Secret access key", "Shown only once, when the access key is created."),
          region: textProp("Region", "The bucket's region.", { defaultValue: "us-east-1" }),
          bucket: textProp("Bucket", "Default bucket for steps that do not name one.", { required: false }),
          endpoint: urlProp("Endpoint", "Only for S3-compatible services; leave empty for AWS.", "https://s3.example.com", false),
        },
      },
    ],
  },
];
