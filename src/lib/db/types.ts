import type { Db } from "./drivers";

/** A transaction handle, as passed to `db.transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Anything queries can run on: the client or an open transaction. */
export type Executor = Db | Tx;
