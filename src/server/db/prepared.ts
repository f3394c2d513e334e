import type { Db } from "./types";

/**
 * A query built once per database handle (a drizzle prepared query, say) and reused on every
 * call: for the reads on every request, so they neither rebuild their SQL nor allocate a builder.
 * Kept per handle (a transaction is a handle of its own), and let go with it.
 */
export function oncePerDb<T>(build: (db: Db) => T): (db: Db) => T {
  const built = new WeakMap<Db, T>();
  return (db) => {
    let value = built.get(db);
    if (value === undefined) built.set(db, (value = build(db)));
    return value;
  };
}
