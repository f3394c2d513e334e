CREATE TABLE "encryption_state" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"current_key_id" text,
	"job_status" text DEFAULT 'idle' NOT NULL,
	"job_key_id" text,
	"job_trigger" text,
	"job_started_at" timestamp with time zone,
	"job_finished_at" timestamp with time zone,
	"job_total" integer DEFAULT 0 NOT NULL,
	"job_resealed" integer DEFAULT 0 NOT NULL,
	"job_failed" integer DEFAULT 0 NOT NULL,
	"job_last_error" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "encryption_state_singleton" CHECK ("encryption_state"."id" = 1)
);
--> statement-breakpoint
ALTER TABLE "connections" ADD COLUMN "reseal_lease_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "oauth_apps" ADD COLUMN "reseal_lease_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "oauth_states" ADD COLUMN "reseal_lease_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "project_settings" ADD COLUMN "reseal_lease_until" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "connections_key_id_idx" ON "connections" USING btree ("key_id","id");--> statement-breakpoint
-- hand-written
-- The singleton row; current_key_id stays null until the first start-up records the ring's current key.
INSERT INTO "encryption_state" ("id") VALUES (1) ON CONFLICT DO NOTHING;
