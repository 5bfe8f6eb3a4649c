// One structured line per state change, so billing can be reconciled from logs alone.
export function logStateChange(entry: {
  generationId: string;
  predictionId: string | null;
  status: string;
  predictTime?: number | null;
  source: "create" | "webhook" | "cancel" | "reconcile";
}): void {
  console.log(JSON.stringify({ event: "generation.status", at: new Date().toISOString(), ...entry }));
}
