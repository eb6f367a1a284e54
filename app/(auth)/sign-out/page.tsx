import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignOutActions } from "@/components/auth/sign-out-actions";
import { Avatar } from "@/components/ui/avatar";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { getSessionUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Sign out" };

export default async function SignOutPage() {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");

  return (
    <Card>
      <CardHeader>
        <h1 className="text-xl font-semibold tracking-tight">Sign out of Parley?</h1>
        <p className="text-sm text-muted-foreground">You can sign back in at any time.</p>
      </CardHeader>
      <CardContent className="grid gap-5">
        <div className="flex items-center gap-3 rounded-lg border bg-subtle p-3">
          <Avatar name={user.name} src={user.avatarUrl} size="lg" decorative />
          <div className="min-w-0">
            <p className="truncate text-sm font-medium">{user.name}</p>
            <p className="truncate text-sm text-muted-foreground">{user.email}</p>
          </div>
        </div>
        <SignOutActions />
      </CardContent>
    </Card>
  );
}
