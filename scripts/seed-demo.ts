/**
 * Demo data so a new installation shows the Flows feature working: five connections (one in
 * Error) and six flows using them in draft and/or published versions (one references a
 * connection that does not exist). Safe to run again: it updates what it created.
 *
 *   npm run seed:demo                      # the first project of the configured database
 *   npm run seed:demo -- --project <id>    # a given project
 *
 * With the embedded database, stop the app first: one process at a time may open it.
 */
import { randomBytes } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { createConnection } from "../src/server/connections/create-connection";
import type { ProjectCtx } from "../src/server/context";
import { closeDatabase, getDatabase } from "../src/server/db/client";
import { connections, projects, type FlowStep } from "../src/server/db/schema";
import { saveFlow } from "../src/server/flows/save-flow";

const ref = (externalId: string, path = "") => `{{connections['${externalId}']${path}}}`;
const step = (name: string, pieceName: string, input: Record<string, unknown>, displayName?: string): FlowStep => ({ name, pieceName, input, displayName });

const CONNECTIONS = [
  { name: "Demo – OpenAI team", pieceName: "openai", type: "SECRET_TEXT", credentials: () => ({ secret_text: `sk-demo${randomBytes(16).toString("hex")}` }) },
  { name: "Demo – OpenAI backup", pieceName: "openai", type: "SECRET_TEXT", credentials: () => ({ secret_text: `sk-demo${randomBytes(16).toString("hex")}` }) },
  {
    name: "Demo – Support Slack",
    pieceName: "slack",
    type: "SECRET_TEXT",
    credentials: () => ({ secret_text: `xoxb-demo-${randomBytes(12).toString("hex")}` }),
  },
  {
    name: "Demo – Billing Stripe",
    pieceName: "stripe",
    type: "SECRET_TEXT",
    credentials: () => ({ secret_text: `sk_test_demo${randomBytes(12).toString("hex")}` }),
  },
  {
    name: "Demo – Reporting API",
    pieceName: "http-basic",
    type: "BASIC",
    credentials: () => ({ username: "reports", password: randomBytes(12).toString("hex") }),
  },
] as const;

async function ensureConnection(ctx: ProjectCtx, spec: (typeof CONNECTIONS)[number]): Promise<string> {
  const [existing] = await ctx.db
    .select({ externalId: connections.externalId })
    .from(connections)
    .where(and(eq(connections.projectId, ctx.projectId), eq(connections.displayName, spec.name)))
    .limit(1);
  if (existing) return existing.externalId;
  const { connection } = await createConnection({
    ctx,
    input: { pieceName: spec.pieceName, type: spec.type, displayName: spec.name, credentials: spec.credentials() },
  });
  return connection.externalId;
}

function demoFlows(ids: Record<"team" | "backup" | "slack" | "stripe" | "reporting", string>) {
  const notify = step("notify", "slack", { auth: ref(ids.slack), channel: "#support", text: "{{steps.classify.output}}" }, "Post to Slack");
  return [
    {
      key: "triage",
      name: "Support inbox triage",
      enabled: true,
      publish: true,
      draft: [step("trigger", "webhook", {}, "New ticket"), step("classify", "openai", { auth: ref(ids.team), model: "gpt-4o-mini" }, "Classify"), notify],
    },
    // Published with the backup key, the draft since moved to the team key.
    {
      key: "digest",
      name: "Weekly sales digest",
      enabled: true,
      publish: true,
      draft: [step("schedule", "schedule", { cron: "0 8 * * 1" }), step("summarize", "openai", { auth: ref(ids.backup) }, "Summarize")],
    },
    {
      key: "digest",
      name: "Weekly sales digest",
      draft: [step("schedule", "schedule", { cron: "0 8 * * 1" }), step("summarize", "openai", { auth: ref(ids.team) }, "Summarize")],
    },
    {
      key: "invoices",
      name: "Invoice reminders",
      enabled: true,
      publish: true,
      draft: [step("overdue", "stripe", { auth: ref(ids.stripe), status: "open" }, "Overdue invoices"), notify],
    },
    {
      key: "leads",
      name: "Lead enrichment",
      draft: [
        step("lookup", "http-basic", { auth: ref(ids.reporting), url: "https://reports.example.com/leads" }),
        step("enrich", "openai", { auth: ref(ids.team) }),
      ],
    },
    { key: "churn", name: "Churn alerts", publish: true, draft: [step("crm", "http-request", { auth: ref("demo-old-crm") }, "Read the old CRM"), notify] },
    {
      key: "nightly",
      name: "Nightly report",
      enabled: true,
      publish: true,
      draft: [
        step(
          "report",
          "http-request",
          { headers: { Authorization: `Bearer ${ref(ids.backup, ".secret_text")}` }, basic: ref(ids.reporting) },
          "Fetch the report",
        ),
      ],
    },
  ];
}

async function main() {
  const arg = process.argv.indexOf("--project");
  const wanted = arg >= 0 ? process.argv[arg + 1] : undefined;
  const { db, kind } = await getDatabase();
  const [project] = await db
    .select({ id: projects.id, name: projects.name })
    .from(projects)
    .where(wanted ? eq(projects.id, wanted) : undefined)
    .orderBy(asc(projects.createdAt))
    .limit(1);
  if (!project) {
    throw new Error(wanted ? `No project ${wanted}` : "No project yet: open the app and complete the first-run setup, then run this again");
  }
  const ctx: ProjectCtx = { db, actor: { type: "SYSTEM", id: null, label: "demo seed" }, projectId: project.id, role: "ADMIN" };

  const externalIds: string[] = [];
  for (const spec of CONNECTIONS) externalIds.push(await ensureConnection(ctx, spec));
  const ids = { team: externalIds[0]!, backup: externalIds[1]!, slack: externalIds[2]!, stripe: externalIds[3]!, reporting: externalIds[4]! };
  await db
    .update(connections)
    .set({ status: "ERROR", statusReason: "The key was rolled in Stripe: Reconnect it" })
    .where(and(eq(connections.projectId, project.id), eq(connections.externalId, ids.stripe)));

  const prefix = `demo-${project.id.replace(/[^A-Za-z0-9]/g, "").slice(0, 12)}`;
  for (const flow of demoFlows(ids)) {
    await saveFlow({
      ctx,
      input: { flowId: `${prefix}-${flow.key}`, name: flow.name, enabled: flow.enabled, draft: flow.draft, publish: flow.publish ?? false },
    });
  }
  console.log(
    `Seeded ${CONNECTIONS.length} connections and 6 flows into “${project.name}” (${project.id}) on the ${kind === "pglite" ? "embedded" : "PostgreSQL"} database.`,
  );
}

main()
  .catch((err: unknown) => {
    console.error(`seed:demo failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  })
  .finally(() => closeDatabase());
