import { ShieldAlert } from "lucide-react";
import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata: Metadata = { title: "Chat link not valid" };

/** A chat link whose identity signature does not match the channel's secret. */
export default function ChatForbidden() {
  return (
    <main className="flex min-h-dvh items-center justify-center bg-subtle px-4">
      <h1 className="sr-only">Chat link not valid</h1>
      <EmptyState
        icon={ShieldAlert}
        title="This chat link is not valid"
        description={
          <p>
            The link names a person but its signature (user_hash) does not match, so the chat can&apos;t be opened as them. Ask
            the site that sent you here for a fresh link, or open the chat without signing in.
          </p>
        }
      />
    </main>
  );
}
