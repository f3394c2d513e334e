// Request and answer types picked out of the generated OpenAPI types, by path, method and status.
// The types openapi-typescript generates from the served document (`npm run api:types`; the contract
// tests fail when that file is stale).
import type { paths } from "../../../src/generated/engine-api";

type Json<T> = T extends { content: { "application/json": infer B } } ? B : never;
type Method = "get" | "put" | "post" | "delete";
type Operation<P extends string, M extends Method> = P extends keyof paths ? (M extends keyof paths[P] ? paths[P][M] : never) : never;

/** The JSON body of a request. */
export type Body<P extends string, M extends Method> = Operation<P, M> extends { requestBody?: infer R } ? Json<NonNullable<R>> : never;

/** The JSON answer of a request for one status. */
export type Reply<P extends string, M extends Method, S extends number> =
  Operation<P, M> extends { responses: infer R } ? (S extends keyof R ? Json<R[S]> : never) : never;

/** The query parameters of a request. */
export type Query<P extends string, M extends Method> = Operation<P, M> extends { parameters: { query?: infer Q } } ? Q : never;

/** Every list answers one page and the cursor of the next (null on the last page). */
export interface Page<T> {
  data: T[];
  nextCursor?: string | null;
}

export type { paths };
