import type { ReactNode } from "react";
import type { Metadata } from "next";
import Link from "next/link";
import { AcceptInvitationForm, SwitchAccountButton } from "@/components/people/accept-invitation-form";
import { LocalTime } from "@/components/time/local-time";
import { TimeZoneProvider } from "@/components/time/time-zone-provider";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { InlineStatus } from "@/components/ui/inline-status";
import { getSessionUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { findInvitationByToken, type InvitationState } from "@/lib/invitations/accept-invitation";
import { invitationPath } from "@/lib/invitations/invitation-link";
import { ROLE_IN_SENTENCE } from "@/lib/members/role-labels";
import { viewerTimeZone } from "@/lib/server/viewer-time-zone";

export const metadata: Metadata = { title: "Invitation" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;


const ENDED: Record<Exclude<InvitationState, "usable">, { title: string; body: string }> = {
  accepted: { title: "This invitation was already accepted", body: "An invitation link works once. If it was you, sign in to open the workspace." },
  revoked: { title: "This invitation was revoked", body: "Ask the person who invited you for a new invitation." },
  expired: { title: "This invitation has expired", body: "Invitation links work for 7 days. Ask the person who invited you to send it again." },
};

function Message({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card>
      <CardHeader>
        <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
      </CardHeader>
      <CardContent className="grid gap-4 text-sm text-muted-foreground">{children}</CardContent>
    </Card>
  );
}

/** The public page an invitation links to: join as a new account, or with the account you have. */
export default async function InvitePage({ searchParams }: { searchParams: SearchParams }) {
  const raw = (await searchParams).token;
  const token = typeof raw === "string" ? raw : "";
  const invitation = await findInvitationByToken(getDb(), token);
  const signInLink = (label: string) => (
    <Link href={`/sign-in?callbackUrl=${encodeURIComponent(invitationPath(token))}`} className={buttonVariants({ className: "w-full" })}>
      {label}
    </Link>
  );

  if (!invitation) {
    return (
      <Message title="This invitation link isn't valid">
        <p>Check that you opened the whole link. A link also stops working when a newer one is sent or copied for the same invitation: ask the person who invited you for the latest one.</p>
      </Message>
    );
  }
  if (invitation.state !== "usable") {
    const ended = ENDED[invitation.state];
    return (
      <Message title={ended.title}>
        <p>{ended.body}</p>
        <Link href="/sign-in" className={buttonVariants({ variant: "outline", className: "w-full" })}>
          Go to sign in
        </Link>
      </Message>
    );
  }

  const user = await getSessionUser();
  const signedInAsInvitee = user !== null && user.id === invitation.accountUserId;
  const returnHere = invitationPath(token);

  let body: ReactNode;
  if (invitation.alreadyMember) {
    body = (
      <>
        <InlineStatus tone="info">{invitation.email} is already a member of {invitation.workspace.name}.</InlineStatus>
        {signedInAsInvitee ? (
          <Link href={`/${invitation.workspace.id}/inbox`} className={buttonVariants({ className: "w-full" })}>
            Open {invitation.workspace.name}
          </Link>
        ) : (
          signInLink("Sign in")
        )}
      </>
    );
  } else if (invitation.accountUserId) {
    if (signedInAsInvitee) {
      body = (
        <>
          <p className="text-sm text-muted-foreground">You're signed in as {user.email}.</p>
          <AcceptInvitationForm token={token} email={invitation.email} workspaceName={invitation.workspace.name} mode="existing" />
        </>
      );
    } else if (user) {
      body = (
        <>
          <InlineStatus tone="warning">
            This invitation is for {invitation.email}, but you're signed in as {user.email}. Sign out, then sign in as {invitation.email} to accept it.
          </InlineStatus>
          <SwitchAccountButton returnTo={`/sign-in?callbackUrl=${encodeURIComponent(returnHere)}`} label={`Sign out and continue as ${invitation.email}`} />
        </>
      );
    } else {
      body = (
        <>
          <p className="text-sm text-muted-foreground">{invitation.email} already has a Parley account. Sign in to accept the invitation.</p>
          {signInLink("Sign in to accept")}
        </>
      );
    }
  } else {
    body = (
      <>
        {user ? (
          <InlineStatus tone="warning">
            You're signed in as {user.email}. Accepting creates a new account for {invitation.email} and signs you in to it.
          </InlineStatus>
        ) : null}
        <AcceptInvitationForm token={token} email={invitation.email} workspaceName={invitation.workspace.name} mode="new" />
      </>
    );
  }

  return (
    <TimeZoneProvider timeZone={await viewerTimeZone()}>
      <Card>
        <CardHeader>
          <h1 className="text-xl font-semibold tracking-tight">Join {invitation.workspace.name} on Parley</h1>
          <p className="text-sm text-muted-foreground">
            {invitation.inviterName ?? "Someone"} invited {invitation.email} to join as {ROLE_IN_SENTENCE[invitation.role]}. The link works until <LocalTime value={invitation.expiresAt} />.
          </p>
        </CardHeader>
        <CardContent className="grid gap-4">{body}</CardContent>
      </Card>
    </TimeZoneProvider>
  );
}
