import { z } from "zod";
import { ZConnectionId } from "./connections";

export const FLOW_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** Chosen by the workflow editor (PUT /api/v1/flows/{id}), so it is checked like any input. */
export const ZFlowId = z.string().regex(FLOW_ID_PATTERN, "A flow id is 1 to 64 letters, digits, “-” or “_”");

export const ZFlowStep = z.object({
  name: z.string().trim().min(1, "A step needs a name").max(100),
  displayName: z.string().trim().max(200).optional(),
  pieceName: z.string().trim().min(1, "A step needs an app").max(100),
  input: z.record(z.string(), z.unknown()).default({}),
});
export type TFlowStep = z.output<typeof ZFlowStep>;

export const ZFlowSteps = z
  .array(ZFlowStep)
  .max(200, "A flow has at most 200 steps")
  .superRefine((steps, ctx) => {
    const seen = new Set<string>();
    steps.forEach((step, i) => {
      if (seen.has(step.name)) ctx.addIssue({ code: "custom", path: [i, "name"], message: `Step names must be unique: “${step.name}” repeats` });
      seen.add(step.name);
    });
  });

export const ZFlowName = z.string().trim().min(1, "A flow needs a name").max(200, "Use at most 200 characters");

/** Create or update a flow; `publish` also makes this draft the published version. */
export const ZSaveFlowInput = z.object({
  flowId: ZFlowId,
  name: ZFlowName,
  enabled: z.boolean().optional(),
  draft: ZFlowSteps,
  publish: z.boolean().default(false),
});
export type TSaveFlowInput = z.input<typeof ZSaveFlowInput>;

/** The body of PUT /api/v1/flows/{id}: the same, with the id in the path. */
export const ZPutFlowBody = ZSaveFlowInput.omit({ flowId: true });

const ZPage = z.number().int().min(1).max(100_000).default(1);

export const ZListFlowsInput = z.object({
  search: z.string().trim().max(100).optional(),
  /** Only flows whose draft or published version references this externalId. */
  connection: z.string().trim().min(1).max(200).optional(),
  page: ZPage,
  pageSize: z.number().int().min(1).max(100).default(20),
});
export type TListFlowsInput = z.input<typeof ZListFlowsInput>;

export const ZAffectedFlowsInput = z.object({
  connectionIds: z.array(ZConnectionId).min(1).max(100),
  page: ZPage,
  pageSize: z.number().int().min(1).max(100).default(20),
});

export const ZPreviewReplaceInput = z.object({
  fromConnectionId: ZConnectionId,
  toConnectionId: ZConnectionId,
  page: ZPage,
  pageSize: z.number().int().min(1).max(100).default(20),
});
export type TPreviewReplaceInput = z.input<typeof ZPreviewReplaceInput>;

export const ZReplaceConnectionInput = z.object({
  fromConnectionId: ZConnectionId,
  toConnectionId: ZConnectionId,
  updatePublished: z.boolean().default(true),
  deleteOld: z.boolean().default(false),
  /** The preview's fingerprint: the replace is refused if the affected flows changed since. */
  expectedFingerprint: z.string().min(1).max(128),
});
export type TReplaceConnectionInput = z.input<typeof ZReplaceConnectionInput>;
