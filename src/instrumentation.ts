// Next's start-up hook. In a long-running server it starts the reconciler's timer; in the
// embedded mode it also prints the admin URL and generated password once.
// Node-only modules are imported dynamically, so the edge bundle never pulls them in.

export async function register(): Promise<void> {
  // NEXT_RUNTIME and PORT are set by Next itself, not by configuration, so they are read here
  // rather than through env.ts (which validates the app's own variables).
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  try {
    const { env } = await import("./lib/env");
    // On Vercel the cron route (vercel.json) reconciles; elsewhere the server does it itself.
    if (!env().VERCEL) (await import("./lib/generations/reconcile-timer")).startReconcileTimer();
  } catch (error) {
    console.error("[reconcile] not started:", error instanceof Error ? error.message : error);
  }
  try {
    const { printLocalAdminBanner } = await import("./lib/admin/banner");
    printLocalAdminBanner({ port: process.env.PORT });
  } catch (error) {
    // A bad environment is reported by the first request with a clear message; start anyway.
    console.error("[admin] could not print the admin password:", error instanceof Error ? error.message : error);
  }
}
