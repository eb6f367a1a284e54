import { SearchX } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { ParleyLogo } from "@/components/brand/parley-logo";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata: Metadata = { title: "Not found" };

export default function NotFound() {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center bg-subtle px-4">
      <ParleyLogo className="mb-6" />
      <h1 className="sr-only">Page not found</h1>
      <EmptyState
        icon={SearchX}
        title="We couldn't find that page"
        description="It may have moved, or it belongs to a workspace you're not a member of."
        action={
          <Button asChild>
            <Link href="/">Go to your inbox</Link>
          </Button>
        }
      />
    </main>
  );
}
