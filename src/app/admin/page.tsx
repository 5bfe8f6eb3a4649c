import type { Metadata } from "next";
import { cookies } from "next/headers";
import { AdminConsole } from "@/components/admin/admin-console";
import { AdminSignIn } from "@/components/admin/admin-sign-in";
import { ADMIN_COOKIE, isAdminSessionToken } from "@/lib/auth/admin-session";
import { env } from "@/lib/env";
import { modelFormSpecs } from "@/lib/replicate/models";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Admin", robots: { index: false, follow: false } };

// The session is checked here on the server; every API call the console makes checks it again.
export default async function AdminPage() {
  const signedIn = await isAdminSessionToken((await cookies()).get(ADMIN_COOKIE)?.value);
  if (!signedIn) {
    const { ADMIN_PASSWORD, DATABASE_URL } = env();
    return <AdminSignIn embedded={!ADMIN_PASSWORD && !DATABASE_URL} />;
  }
  return <AdminConsole models={modelFormSpecs()} />;
}
