import { startRouteServer } from "../route-server";

// A second app instance in its own process (tests/helpers/second-instance.ts): the same route
// handlers, its own module state and connection pool, on the database named in its environment.
const server = await startRouteServer();
process.stdout.write(`listening ${server.url}\n`);
const stop = async () => {
  await server.close();
  const { closeDb } = await import("../../../src/lib/db/index");
  await closeDb();
  process.exit(0);
};
process.on("SIGTERM", () => void stop());
