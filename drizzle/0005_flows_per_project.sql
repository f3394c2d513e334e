ALTER TABLE "connection_references" DROP CONSTRAINT "connection_references_flow_id_flows_id_fk";
--> statement-breakpoint
ALTER TABLE "connection_references" DROP CONSTRAINT "connection_references_flow_id_version_step_name_external_id_pk";--> statement-breakpoint
-- A flow id is unique within its project only (the workflow editor chooses ids per project).
ALTER TABLE "flows" DROP CONSTRAINT "flows_pkey";--> statement-breakpoint
ALTER TABLE "connection_references" ADD CONSTRAINT "connection_references_pkey" PRIMARY KEY("project_id","flow_id","version","step_name","external_id");--> statement-breakpoint
ALTER TABLE "flows" ADD CONSTRAINT "flows_pkey" PRIMARY KEY("project_id","id");--> statement-breakpoint
ALTER TABLE "connection_references" ADD CONSTRAINT "connection_references_flow_fk" FOREIGN KEY ("project_id","flow_id") REFERENCES "public"."flows"("project_id","id") ON DELETE cascade ON UPDATE no action;