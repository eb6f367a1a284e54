import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { CspNonce } from "@/components/csp-nonce";
import { ZodWithoutEval } from "@/components/zod-without-eval";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Parley", template: "%s · Parley" },
  description: "Open-source workflow builder and agent inbox for customer conversations.",
};

export const viewport: Viewport = { themeColor: "#4f46e5" };

/**
 * Every page is rendered per request: its Content-Security-Policy carries a fresh nonce (set by
 * the proxy), which Next puts on the page's scripts; a page prerendered once could not have it.
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const nonce = (await headers()).get("x-nonce");
  return (
    <html lang="en">
      <body className="min-h-dvh">
        <CspNonce nonce={nonce} />
        <ZodWithoutEval />
        {children}
      </body>
    </html>
  );
}
