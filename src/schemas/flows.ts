import { z } from "zod";
import { zJsonObject, zText } from "./primitives";
import { ZConnectionId } from "./connections";

export const FLOW_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** Chosen by the workflow editor (PUT /api/v1/flows/{id}), so it is checked like any input. */
export const ZFlowId = zText({ max: 64 }).regex(FLOW_ID_PATTERN, "A flow id is 1 to 64 letters, digits, “-” or “_”");

export const ZFlowStep = z.object({
  name: zText({ max: 100 }).trim().min(1, "A step needs a name"),
  displayName: zText({ max: 200 }).trim().optional(),
  pieceName: zText({ max: 100 }).trim().min(1, "A step needs an app"),
  input: zJsonObject().default({}),
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

export const ZFlowName = zText({ max: 200 }).trim().min(1, "A flow needs a name");

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
  search: zText({ max: 100 }).trim().optional(),
  /** Only flows whose draft or published version references this externalId. */
  connection: zText({ max: 200 }).trim().min(1).optional(),
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
  expectedFingerprint: zText({ max: 128 }).min(1),
});
export type TReplaceConnectionInput = z.input<typeof ZReplaceConnectionInput>;
