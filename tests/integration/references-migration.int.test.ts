import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { countFlowsByExternalId } from "@/server/flows/affected-flows";
import { runMigrations } from "@/server/db/migrate";
import { databaseLabel } from "../support/db";
import { databaseBefore } from "../support/migrations-before";
import { rows } from "../support/sql";

// An installation upgraded with flows already indexed one row per (flow, version, step,
// externalId): the migration folds them into one row per (flow, externalId) in place.

let dispose: (() => Promise<void>) | undefined;
afterAll(async () => {
  await dispose?.();
});

describe(`the reference index migration (${databaseLabel()})`, () => {
  it("folds each flow's rows per connection, keeps every step of each version, and the flow table leaves room for in-place updates", async () => {
    const before = await databaseBefore("_flow_references_per_flow");
    dispose = before.dispose;
    const tdb = before.tdb;
    const db = tdb.db;
    const [p] = await rows<{ id: string }>(db, sql`insert into projects (name) values ('Legacy') returning id`);
    const projectId = p!.id;
    await db.execute(sql`insert into flows (id, project_id, name) values ('f1', ${projectId}, 'One'), ('f2', ${projectId}, 'Two')`);
    for (const [flowId, version, stepName, externalId] of [
      ["f1", "DRAFT", "ask", "openai"],
      ["f1", "DRAFT", "post", "openai"],
      ["f1", "PUBLISHED", "ask", "openai"],
      ["f1", "DRAFT", "post", "slack"],
      ["f2", "PUBLISHED", "sync", "slack"],
    ]) {
      await db.execute(sql`insert into connection_references (project_id, flow_id, version, step_name, external_id)
        values (${projectId}, ${flowId}, ${version}, ${stepName}, ${externalId})`);
    }

    await runMigrations(tdb);

    expect(await rows(db, sql`select flow_id, external_id, draft_steps, published_steps from connection_references order by flow_id, external_id`)).toEqual([
      { flow_id: "f1", external_id: "openai", draft_steps: ["ask", "post"], published_steps: ["ask"] },
      { flow_id: "f1", external_id: "slack", draft_steps: ["post"], published_steps: [] },
      { flow_id: "f2", external_id: "slack", draft_steps: [], published_steps: ["sync"] },
    ]);
    expect(Object.fromEntries(await countFlowsByExternalId(db, projectId, ["openai", "slack", "none"]))).toEqual({ openai: 1, slack: 2 });
    // Deleting a flow still takes its index rows with it.
    await db.execute(sql`delete from flows where id = 'f2'`);
    expect(await rows(db, sql`select count(*)::int as n from connection_references where flow_id = 'f2'`)).toEqual([{ n: 0 }]);
    expect(await rows(db, sql`select reloptions from pg_class where relname = 'flows'`)).toEqual([{ reloptions: ["fillfactor=50"] }]);
  }, 120_000); // two migration runs on a busy machine
});
