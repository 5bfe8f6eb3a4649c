// Next's start-up hook. It refuses to start on a half-configured environment; in a long-running
// server it starts the reconciler's timer; in the embedded mode it prints the admin URL and
// generated password once. Node-only modules are imported dynamically, so the edge bundle never
// pulls them in.

export async function register(): Promise<void> {
  // NEXT_RUNTIME and PORT are set by Next itself, not by configuration, so they are read here
  // rather than through env.ts (which validates the app's own variables).
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // next.config.ts already stops `next start`/`next dev`; this also covers custom servers.
  (await import("./lib/startup-check")).exitOnEnvironmentProblem("The server");
  const { env } = await import("./lib/env");
  // On Vercel the cron route (vercel.json) reconciles; elsewhere the server does it itself.
  if (!env().VERCEL) (await import("./lib/generations/reconcile-timer")).startReconcileTimer();
  try {
    const { printLocalAdminBanner } = await import("./lib/admin/banner");
    printLocalAdminBanner({ port: process.env.PORT });
  } catch (error) {
    console.error("[admin] could not print the admin password:", error instanceof Error ? error.message : error);
  }
}
