import { Link2Off } from "lucide-react";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SetupForm } from "@/components/setup/setup-form";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { getDb } from "@/lib/db/client";
import { SETUP_LINK_UNUSABLE, setupPageState } from "@/lib/setup/first-run-setup";

export const metadata: Metadata = { title: "Set up Parley" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * The first run: the link `npm start` prints while nobody has an account. Once anyone has one,
 * this page does not exist (404), whatever the link.
 */
export default async function SetupPage({ searchParams }: { searchParams: SearchParams }) {
  const { token } = await searchParams;
  const state = await setupPageState(getDb(), token);
  if (state === "set_up") notFound();
  if (state === "unusable_link") {
    return (
      <Card>
        <CardHeader>
          <h1 className="flex items-center gap-2 text-xl font-semibold tracking-tight">
            <Link2Off className="size-5 text-muted-foreground" aria-hidden />
            This setup link doesn&apos;t work
          </h1>
        </CardHeader>
        <CardContent>
          <p className="text-sm text-muted-foreground">{SETUP_LINK_UNUSABLE}</p>
        </CardContent>
      </Card>
    );
  }
  return <SetupForm token={String(token)} />;
}
