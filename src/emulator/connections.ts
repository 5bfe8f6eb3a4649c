// Open connections, each belonging to one prediction: counted (for /_emulator/activity) and cut
// when that prediction is forgotten, as a restarted host would drop them.

type Closable = { destroy(): unknown; once(event: "close", listener: () => void): unknown };

export class PredictionConnections<T extends Closable> {
  private readonly open = new Map<T, string>();

  /** Tracks `connection` until it closes. */
  add(connection: T, predictionId: string): void {
    this.open.set(connection, predictionId);
    connection.once("close", () => this.open.delete(connection));
  }

  /** Connections still open, all of them or one prediction's. */
  count(predictionId?: string): number {
    let n = 0;
    for (const id of this.open.values()) if (predictionId === undefined || id === predictionId) n++;
    return n;
  }

  /** Cuts one prediction's connections. */
  abort(predictionId: string): void {
    for (const [connection, id] of this.open) if (id === predictionId) connection.destroy();
  }

  /** Cuts them all. */
  abortAll(): void {
    for (const connection of this.open.keys()) connection.destroy();
    this.open.clear();
  }
}
