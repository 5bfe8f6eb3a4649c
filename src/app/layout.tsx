import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { FlashToast } from "@/components/flash-toast";
import { HydrationMark } from "@/components/hydration-mark";
import { RenderedAt } from "@/components/rendered-at";
import { SiteHeader } from "@/components/site-header";
import { directUploads } from "@/lib/uploads/mode";
import "./globals.css";

// Every page renders per request: the CSP nonce (src/proxy.ts) is new each time, and Next can put
// it on its scripts only while rendering. A prerendered page (the 404 included) would carry none.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Replicate Image Studio", template: "%s · Replicate Image Studio" },
  description: "Generate images with SDXL and FLUX on Replicate, and keep them in your own gallery.",
  icons: { icon: "/favicon.svg" },
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#fafafa" },
    { media: "(prefers-color-scheme: dark)", color: "#09090b" },
  ],
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      {/* Tells the image fields where uploads go: straight to Vercel Blob, or POST /api/uploads. */}
      <body data-uploads={directUploads() ? "blob" : "server"}>
        {/* Running clocks start from this instant on the server and while the page hydrates. */}
        <RenderedAt at={Date.now()}>
          <SiteHeader />
          {children}
          <FlashToast />
          <HydrationMark />
        </RenderedAt>
      </body>
    </html>
  );
}
