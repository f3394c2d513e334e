import { index, pgEnum, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { connections } from "./connections";
import { projects } from "./projects";
import { users } from "./users";

/** A platform admin's own OAuth2 client for one app; the secret is sealed like connection values. */
export const oauthApps = pgTable("oauth_apps", {
  pieceName: text("piece_name").primaryKey(),
  clientId: text("client_id").notNull(),
  clientSecret: text("client_secret").notNull(),
  keyId: text("key_id").notNull(),
  /** Re-encryption: while in the future, one instance is re-sealing this value (see encryption/). */
  resealLeaseUntil: timestamp("reseal_lease_until", { withTimezone: true }),
  secretHint: text("secret_hint").notNull(),
  updatedBy: text("updated_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const oauthFlowMode = pgEnum("oauth_flow_mode", ["popup", "redirect"]);

/**
 * One pending authorization. Looked up by the hash of the `state` sent to the provider; single use
 * (usedAt), short-lived (expiresAt), bound to the user, project and connection that started it.
 */
export const oauthStates = pgTable(
  "oauth_states",
  {
    stateHash: text("state_hash").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    connectionId: text("connection_id")
      .notNull()
      .references(() => connections.id, { onDelete: "cascade" }),
    /** Sealed JSON: PKCE verifier and the client/endpoint settings chosen at start. */
    payload: text("payload").notNull(),
    keyId: text("key_id").notNull(),
    /** Re-encryption: while in the future, one instance is re-sealing this value (see encryption/). */
    resealLeaseUntil: timestamp("reseal_lease_until", { withTimezone: true }),
    redirectUri: text("redirect_uri").notNull(),
    mode: oauthFlowMode("mode").notNull(),
    returnTo: text("return_to"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [index("oauth_states_expires_idx").on(t.expiresAt)],
);
