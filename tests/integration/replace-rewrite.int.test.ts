import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rewriteReferences } from "@/lib/connection-ref";
import { previewReplace } from "@/server/connections/preview-replace";
import { replaceConnection } from "@/server/connections/replace-connection";
import type { FlowStep } from "@/server/db/schema";
import { createTestDatabase, databaseLabel, type TestDatabase } from "../support/db";
import { projectWithMember } from "../support/factories";
import { createKeyConnection, saveTestFlow } from "../support/flows";
import { rows } from "../support/sql";

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(async () => {
  await tdb?.dispose();
});

// Replace rewrites flows with one UPDATE (distinct inputs rewritten once): every flow must end
// exactly as rewriteReferences, step by step, would have left it.
describe(`Replace rewrites every flow as rewriteReferences does (${databaseLabel()})`, () => {
  it("keeps quoting, paths, keys, malformed text, step names and other steps as they were", async () => {
    const { ctx } = await projectWithMember(tdb.db, "EDITOR");
    const from = await createKeyConnection(ctx, "Old key");
    const to = await createKeyConnection(ctx, "New key");
    const other = await createKeyConnection(ctx, "Other key");
    const f = from.externalId;
    const tricky: Record<string, unknown> = {
      auth: `{{connections['${f}']}}`,
      double: `Bearer {{connections["${f}"].secret_text}} and {{ connections[ '${f}' ]["a b"][0] }}`,
      spaced: `{{\n connections[\t"${f}"\n].props.host}}`,
      [`{{connections['${f}']}}`]: "a key is not a reference",
      malformed: [`{{connections['${f}']`, `connections['${f}']}}`, `{{connections['${f}'] oops}}`],
      mixed: `{{connections['${other.externalId}']}} {{connections['${f}']}}`,
      number: 1.5,
      nested: { deeper: [{ auth: `{{connections['${f}'].a}}` }] },
    };
    const draft: FlowStep[] = [
      { name: "ask", pieceName: "openai", input: tricky },
      { name: `step {{connections['${f}']}}`, pieceName: "openai", input: { auth: `{{connections['${f}']}}`, prompt: "unique to this flow" } },
      { name: "other", pieceName: "openai", input: { auth: `{{connections['${other.externalId}']}}` } },
    ];
    const a = await saveTestFlow(ctx, { draft, publish: true });
    const b = await saveTestFlow(ctx, { draft: [draft[1]!], publish: false });
    const before = await rows<{ id: string; draft: string; published: string | null }>(
      tdb.db,
      sql`select id, draft::text as draft, published::text as published from flows where project_id = ${ctx.projectId} order by id`,
    );

    const { fingerprint } = await previewReplace({ ctx, input: { fromConnectionId: from.id, toConnectionId: to.id, page: 1, pageSize: 10 } });
    const result = await replaceConnection({
      ctx,
      input: { fromConnectionId: from.id, toConnectionId: to.id, updatePublished: true, expectedFingerprint: fingerprint },
    });
    expect(result.flowsUpdated).toBe(2);

    const after = await rows<{ id: string; draft: unknown; published: unknown }>(
      tdb.db,
      sql`select id, draft, published from flows where project_id = ${ctx.projectId} order by id`,
    );
    const expected = (steps: string | null) =>
      steps === null ? null : (JSON.parse(steps) as FlowStep[]).map((s) => ({ ...s, input: rewriteReferences(s.input, f, to.externalId) }));
    for (const [i, row] of after.entries()) {
      expect(row.draft).toEqual(expected(before[i]!.draft));
      expect(row.published).toEqual(expected(before[i]!.published));
    }
    expect(after.map((r) => r.id).sort()).toEqual([a.id, b.id].sort());
  });
});
