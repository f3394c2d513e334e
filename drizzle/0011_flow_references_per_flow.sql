-- hand-written
-- The reference index goes from one row per (flow, version, step, externalId) to one row per
-- (flow, externalId) carrying the referencing steps of each version. Replace rewrites one index
-- row per flow instead of one per step and version; the rows are carried over, not recomputed.
CREATE TABLE "connection_references_next" (
	"project_id" text NOT NULL,
	"flow_id" text NOT NULL,
	"external_id" text NOT NULL,
	"draft_steps" text[] DEFAULT '{}'::text[] NOT NULL,
	"published_steps" text[] DEFAULT '{}'::text[] NOT NULL
);
--> statement-breakpoint
INSERT INTO "connection_references_next" ("project_id", "flow_id", "external_id", "draft_steps", "published_steps")
SELECT "project_id", "flow_id", "external_id",
	coalesce(array_agg("step_name" ORDER BY "step_name") FILTER (WHERE "version" = 'DRAFT'), '{}'::text[]),
	coalesce(array_agg("step_name" ORDER BY "step_name") FILTER (WHERE "version" = 'PUBLISHED'), '{}'::text[])
FROM "connection_references"
GROUP BY "project_id", "flow_id", "external_id";
--> statement-breakpoint
DROP TABLE "connection_references";
--> statement-breakpoint
DROP TYPE "public"."flow_version_kind";
--> statement-breakpoint
ALTER TABLE "connection_references_next" RENAME TO "connection_references";
--> statement-breakpoint
ALTER TABLE "connection_references" ADD CONSTRAINT "connection_references_pkey" PRIMARY KEY("project_id","flow_id","external_id");
--> statement-breakpoint
ALTER TABLE "connection_references" ADD CONSTRAINT "connection_references_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "connection_references" ADD CONSTRAINT "connection_references_flow_fk" FOREIGN KEY ("project_id","flow_id") REFERENCES "public"."flows"("project_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "connection_refs_project_external_idx" ON "connection_references" USING btree ("project_id","external_id","flow_id");
--> statement-breakpoint
-- Flow rows are rewritten in place by every save and by Replace (drafts, published versions, the
-- time), never their indexed columns. Half of each page left free lets such an update stay on
-- its page (a HOT update: no new entry in the three flow indexes). Rows written from now on.
ALTER TABLE "flows" SET (fillfactor = 50);
