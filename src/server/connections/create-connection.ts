import type { ProjectCtx } from "@/server/context";
import { ZCreateConnectionInput } from "@/schemas/connections";
import { parseOrThrow } from "@/server/validation";
import { parseCredentials, resolvePieceAuth, sealCredentials, verifyCredentials } from "./credentials";
import { toConnectionDto } from "./dto";
import { assertCanWrite } from "./assert-can-write";
import { assertNameFree } from "./find";
import { insertConnection } from "./insert-connection";

/** Parses, validates with the app, encrypts and stores a new connection with its audit row. */
export async function createConnection({ ctx, input }: { ctx: ProjectCtx; input: unknown }) {
  assertCanWrite(ctx);
  const data = parseOrThrow(ZCreateConnectionInput, input);
  const { piece, auth } = resolvePieceAuth(data.pieceName, data.type);
  const value = parseCredentials(auth, data.credentials);
  await assertNameFree(ctx.db, ctx.projectId, data.displayName);
  const note = await verifyCredentials(piece, auth, value);

  const row = await insertConnection(ctx, {
    displayName: data.displayName,
    pieceName: piece.name,
    type: data.type,
    status: "ACTIVE",
    fields: (id) => sealCredentials(id, auth, value),
  });
  return { connection: toConnectionDto(row), note };
}
