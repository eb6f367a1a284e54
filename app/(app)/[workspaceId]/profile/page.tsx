import type { Metadata } from "next";
import { getServerSession } from "next-auth";
import { PageHeader } from "@/components/app-shell/page-header";
import { AvatarForm } from "@/components/profile/avatar-form";
import { EmailForm } from "@/components/profile/email-form";
import { NotificationPreferencesForm } from "@/components/notifications/notification-preferences-form";
import { PasswordForm } from "@/components/profile/password-form";
import { ProfileNameForm } from "@/components/profile/profile-name-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { authOptions } from "@/lib/auth/options";
import { requireWorkspacePage } from "@/lib/auth/workspace-page";
import { getDb } from "@/lib/db/client";
import { readNotificationPreferences } from "@/lib/notifications/preferences";
import { pendingEmailChange } from "@/lib/people/profile";

export const metadata: Metadata = { title: "Profile" };

export default async function ProfilePage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const { user } = await requireWorkspacePage(workspaceId, `/${workspaceId}/profile`);
  const [pending, session, notifications] = await Promise.all([
    pendingEmailChange(getDb(), user.id),
    getServerSession(authOptions),
    readNotificationPreferences(getDb(), user.id),
  ]);

  return (
    <>
      <PageHeader title="Profile" description="How you appear to your team and to contacts, and how you sign in. It is the same in every workspace." />
      <div className="mx-auto grid max-w-3xl gap-6 px-6 py-6">
        <Card aria-labelledby="profile-identity">
          <CardHeader>
            <CardTitle id="profile-identity">Name and avatar</CardTitle>
            <CardDescription>Contacts see your name and avatar as the sender of your messages.</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-6">
            <AvatarForm name={user.name} avatarUrl={user.avatarUrl} />
            <ProfileNameForm name={user.name} />
          </CardContent>
        </Card>

        <Card aria-labelledby="profile-email">
          <CardHeader>
            <CardTitle id="profile-email">Email</CardTitle>
          </CardHeader>
          <CardContent>
            <EmailForm email={user.email} pending={pending?.email ?? null} />
          </CardContent>
        </Card>

        <Card aria-labelledby="profile-notifications">
          <CardHeader>
            <CardTitle id="profile-notifications">Notifications</CardTitle>
            <CardDescription>What Parley tells you about, in this browser and by mail. The same in every workspace.</CardDescription>
          </CardHeader>
          <CardContent>
            <NotificationPreferencesForm preferences={notifications} />
          </CardContent>
        </Card>

        <Card aria-labelledby="profile-password">
          <CardHeader>
            <CardTitle id="profile-password">Password</CardTitle>
            <CardDescription>Changing it signs you out everywhere else.</CardDescription>
          </CardHeader>
          <CardContent>
            <PasswordForm session={session} email={user.email} />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
