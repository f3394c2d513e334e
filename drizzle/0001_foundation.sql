CREATE TYPE "public"."project_role" AS ENUM('ADMIN', 'EDITOR', 'VIEWER');--> statement-breakpoint
CREATE TYPE "public"."connection_status" AS ENUM('ACTIVE', 'MISSING', 'ERROR');--> statement-breakpoint
CREATE TYPE "public"."connection_type" AS ENUM('SECRET_TEXT', 'BASIC', 'CUSTOM', 'OAUTH2');--> statement-breakpoint
CREATE TYPE "public"."actor_type" AS ENUM('USER', 'API_TOKEN', 'SYSTEM');--> statement-breakpoint
CREATE TABLE "user_identities" (
	"provider" text NOT NULL,
	"subject" text NOT NULL,
	"user_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_identities_provider_subject_pk" PRIMARY KEY("provider","subject")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text,
	"is_platform_admin" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"project_id" text NOT NULL,
	"user_id" text NOT NULL,
	"role" "project_role" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "memberships_project_id_user_id_pk" PRIMARY KEY("project_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "platform" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"setup_completed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "platform_singleton" CHECK ("platform"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "connections" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"project_id" text NOT NULL,
	"external_id" text NOT NULL,
	"display_name" text NOT NULL,
	"piece_name" text NOT NULL,
	"type" "connection_type" NOT NULL,
	"status" "connection_status" NOT NULL,
	"status_reason" text,
	"value" text,
	"key_id" text,
	"value_hints" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"token_expires_at" timestamp with time zone,
	"owner_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"last_checked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"connection_id" text,
	"connection_external_id" text,
	"connection_name" text,
	"action" text NOT NULL,
	"actor_type" "actor_type" NOT NULL,
	"actor_id" text,
	"actor_label" text NOT NULL,
	"flow_id" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "user_identities" ADD CONSTRAINT "user_identities_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connections" ADD CONSTRAINT "connections_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connections" ADD CONSTRAINT "connections_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "user_identities_user_idx" ON "user_identities" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_lower_uq" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "memberships_user_idx" ON "memberships" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "connections_project_external_uq" ON "connections" USING btree ("project_id","external_id");--> statement-breakpoint
CREATE UNIQUE INDEX "connections_project_name_uq" ON "connections" USING btree ("project_id",lower("display_name"));--> statement-breakpoint
CREATE INDEX "connections_project_created_idx" ON "connections" USING btree ("project_id","created_at","id");--> statement-breakpoint
CREATE INDEX "connections_project_used_idx" ON "connections" USING btree ("project_id","last_used_at","id");--> statement-breakpoint
CREATE INDEX "connections_project_status_idx" ON "connections" USING btree ("project_id","status");--> statement-breakpoint
CREATE INDEX "connections_project_piece_idx" ON "connections" USING btree ("project_id","piece_name");--> statement-breakpoint
CREATE INDEX "connections_name_trgm_idx" ON "connections" USING gin (lower("display_name") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "audit_project_created_idx" ON "audit_events" USING btree ("project_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "audit_connection_created_idx" ON "audit_events" USING btree ("connection_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "audit_project_action_idx" ON "audit_events" USING btree ("project_id","action");--> statement-breakpoint
CREATE INDEX "audit_project_actor_idx" ON "audit_events" USING btree ("project_id","actor_id");