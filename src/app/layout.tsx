import type { Metadata } from "next";
import { GeistMono } from "geist/font/mono";
import { GeistSans } from "geist/font/sans";
import { HydrationMarker } from "@/components/hydration-marker";
import { ThemeProvider } from "@/components/theme-provider";
import { LazyToaster } from "@/components/ui/lazy-toaster";
import { TRPCReactProvider } from "@/trpc/react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Connections", template: "%s · Connections" },
  description: "Saved, encrypted authorizations to the apps your flows use.",
  icons: { icon: "/favicon.ico", apple: "/icon-192.png" },
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning className={`${GeistSans.variable} ${GeistMono.variable}`}>
      <body className="min-h-screen bg-background font-sans text-foreground antialiased">
        <ThemeProvider>
          <TRPCReactProvider>
            {children}
            <LazyToaster richColors closeButton />
            <HydrationMarker />
          </TRPCReactProvider>
        </ThemeProvider>
      </body>
    </html>
  );
}
