import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type * as schema from "./schema";

/** Either driver's database, or a transaction on it: services accept any of them. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
