import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "@/server/api/root";
import { exportAuditCsv } from "@/server/audit/export-csv";
import { listAuditEvents } from "@/server/audit/list-events";
import { listPlatformEvents } from "@/server/audit/list-platform-events";
import { deleteFlow } from "@/server/flows/delete-flow";
import { completeSetup } from "@/server/setup/complete-setup";
import { createTestDatabase, databaseLabel, type TestDatabase } from "../support/db";
import { createUser, projectWithMember } from "../support/factories";
import { createKeyConnection, saveTestFlow, step } from "../support/flows";
import { rows } from "../support/sql";

// The changes that decide who (or what) can reach a project's secrets, each recorded with its actor.

let tdb: TestDatabase;
beforeAll(async () => {
  tdb = await createTestDatabase();
});
afterAll(async () => {
  await tdb?.dispose();
});

/** A project admin; `platformAdmin` also lets them create projects (the default platform setting). */
async function adminOf({ platformAdmin = false } = {}) {
  const { user, ctx } = await projectWithMember(tdb.db, "ADMIN");
  const api = createCaller({ db: tdb.db, user: { id: user.id, email: user.email, name: user.name ?? "", isPlatformAdmin: platformAdmin } });
  return { user, ctx, api, projectId: ctx.projectId };
}

async function events(projectId: string) {
  return rows<{ action: string; actor_type: string; actor_id: string | null; actor_label: string; details: Record<string, unknown>; hash: string }>(
    tdb.db,
    sql`select action, actor_type, actor_id, actor_label, details, hash from audit_events where project_id = ${projectId} order by seq`,
  );
}

describe(`access changes are audited (${databaseLabel()})`, () => {
  it("member added, role changed, removed: who did it, to whom, before → after", async () => {
    const { user, api, projectId, ctx } = await adminOf();
    const bob = await createUser(tdb.db, { email: `bob-${Date.now()}@example.test` });
    await api.member.add({ projectId, email: bob.email, role: "VIEWER" });
    await api.member.changeRole({ projectId, userId: bob.id, role: "ADMIN" });
    await api.member.changeRole({ projectId, userId: bob.id, role: "ADMIN" }); // no change, no event
    await api.member.remove({ projectId, userId: bob.id });

    const trail = await events(projectId);
    expect(trail.map((e) => e.action)).toEqual(["member.added", "member.role_changed", "member.removed"]);
    for (const e of trail) expect(e).toMatchObject({ actor_type: "USER", actor_id: user.id, actor_label: user.email });
    expect(trail[0]!.details).toEqual({ userId: bob.id, email: bob.email, role: "VIEWER" });
    expect(trail[1]!.details).toEqual({ userId: bob.id, email: bob.email, from: "VIEWER", to: "ADMIN" });
    expect(trail[2]!.details).toEqual({ userId: bob.id, email: bob.email, role: "ADMIN" });

    // The Audit log filters and exports them like any other event.
    const listed = await listAuditEvents({ ctx, input: { actions: ["member.role_changed"] } });
    expect(listed.items).toHaveLength(1);
    const csv = await new Response(exportAuditCsv({ ctx, input: { actions: ["member.added", "member.removed"] } })).text();
    expect(csv.trim().split("\r\n")).toHaveLength(3);
    expect(csv).toContain(bob.email);
  });

  it("a refused change (the last admin) leaves no event", async () => {
    const { user, api, projectId } = await adminOf();
    await expect(api.member.changeRole({ projectId, userId: user.id, role: "VIEWER" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(api.member.remove({ projectId, userId: user.id })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await events(projectId)).toEqual([]);
  });

  it("notifications: the fields changed, the webhook by origin only, the signing secret never", async () => {
    const { user, api, projectId } = await adminOf();
    const first = await api.notifications.update({ projectId, webhookUrl: "https://hooks.example.test/services/T0/PATHTOKEN1", emailAdmins: false });
    await api.notifications.update({ projectId, webhookUrl: "https://attacker.example.net/collect?key=PATHTOKEN2", emailAdmins: true });
    const rotated = await api.notifications.rotateSecret({ projectId });
    await api.notifications.update({ projectId, webhookUrl: "https://attacker.example.net/collect?key=PATHTOKEN2", emailAdmins: true }); // unchanged

    const trail = await events(projectId);
    expect(trail.map((e) => e.details)).toEqual([
      { fields: ["webhookUrl", "webhookSecret"], webhookUrl: { from: null, to: "https://hooks.example.test" }, webhookSecret: "created" },
      {
        fields: ["webhookUrl", "emailAdmins"],
        webhookUrl: { from: "https://hooks.example.test", to: "https://attacker.example.net" },
        emailAdmins: { from: false, to: true },
      },
      { fields: ["webhookSecret"], webhookSecret: "rotated" },
    ]);
    for (const e of trail) expect(e).toMatchObject({ action: "notifications.updated", actor_id: user.id, actor_label: user.email });
    const text = JSON.stringify(trail);
    for (const secret of [first.newSecret!, rotated.newSecret, "PATHTOKEN1", "PATHTOKEN2"]) expect(text).not.toContain(secret);
  });

  it("project created: in the new project's trail, by its creator", async () => {
    const { user, api } = await adminOf({ platformAdmin: true });
    const p = await api.project.create({ name: "Audited project" });
    const [created] = await events(p.id);
    expect(created).toMatchObject({ action: "project.created", actor_id: user.id, details: { name: "Audited project", admin: user.email } });
  });

  it("project renamed (project trail) and deleted (platform event with the trail's last hash, the trail kept)", async () => {
    const { user, api } = await adminOf({ platformAdmin: true });
    const p = await api.project.create({ name: "Old name" });
    await api.project.rename({ projectId: p.id, name: "New name" });
    await api.project.rename({ projectId: p.id, name: "New name" }); // unchanged: no event
    await expect(api.project.delete({ projectId: p.id, confirmName: "Old name" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const trail = await events(p.id);
    expect(trail.map((e) => [e.action, e.details])).toEqual([
      ["project.created", { name: "Old name", admin: user.email }],
      ["project.renamed", { from: "Old name", to: "New name" }],
    ]);

    await api.project.delete({ projectId: p.id, confirmName: "New name" });
    await expect(api.project.get({ projectId: p.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await events(p.id)).toHaveLength(2);
    const [deleted] = await rows<{ actor_id: string; details: Record<string, unknown> }>(
      tdb.db,
      sql`select actor_id, details from audit_events where project_id is null and action = 'project.deleted' and details->>'projectId' = ${p.id}`,
    );
    expect(deleted).toEqual({
      actor_id: user.id,
      details: { projectId: p.id, name: "New name", connections: 0, members: 1, flows: 0, auditHead: { seq: 2, hash: trail[1]!.hash } },
    });

    // Editors can do neither, and a refusal leaves no event.
    const shared = await api.project.create({ name: "Shared" });
    const editor = await createUser(tdb.db);
    await api.member.add({ projectId: shared.id, email: editor.email, role: "EDITOR" });
    const editorApi = createCaller({ db: tdb.db, user: { id: editor.id, email: editor.email, name: editor.name ?? "", isPlatformAdmin: false } });
    await expect(editorApi.project.rename({ projectId: shared.id, name: "Mine now" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(editorApi.project.delete({ projectId: shared.id, confirmName: "Shared" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await events(shared.id)).map((e) => e.action)).toEqual(["project.created", "member.added"]);
  });

  it("flows saved and deleted: which connections the flow names", async () => {
    const { ctx, user, projectId } = await adminOf();
    const conn = await createKeyConnection(ctx, "Flow key");
    const flow = await saveTestFlow(ctx, { name: "Nightly", draft: [step("a", conn.externalId)], publish: true });
    await deleteFlow({ ctx, input: { flowId: flow.id } });
    const trail = (await events(projectId)).filter((e) => e.action.startsWith("flow."));
    expect(trail.map((e) => [e.action, e.details])).toEqual([
      ["flow.saved", { name: "Nightly", created: true, published: true, connections: [conn.externalId] }],
      ["flow.deleted", { name: "Nightly" }],
    ]);
    expect(trail[0]).toMatchObject({ actor_id: user.id });
  });

  it("first-run setup records the owner account (platform) and the first project", async () => {
    const { projectId, userId } = await completeSetup({
      db: tdb.db,
      input: { name: "Owner", email: "owner-setup@example.test", password: "correct horse battery", projectName: "Main" },
    });
    expect(await events(projectId)).toEqual([
      expect.objectContaining({ action: "project.created", actor_id: userId, actor_label: "owner-setup@example.test" }),
    ]);
    const platform = await listPlatformEvents({ ctx: { db: tdb.db, actor: { type: "SYSTEM", id: null, label: "system" } }, kind: "user" });
    expect(platform.find((e) => e.action === "user.created" && e.details.userId === userId)).toMatchObject({ actorLabel: "owner-setup@example.test" });
    expect(JSON.stringify(platform)).not.toContain("correct horse");
  });
});
