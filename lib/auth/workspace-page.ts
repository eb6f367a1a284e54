import "server-only";
import { notFound, redirect } from "next/navigation";
import { SafeError } from "@/lib/errors";
import { getWorkspaceAccess, type WorkspaceAccess } from "./membership";
import { getSessionUser, type SessionUser } from "./session";

export type WorkspacePageContext = WorkspaceAccess & { user: SessionUser };

/**
 * The check every page and layout under /[workspaceId] runs. Layouts are not re-rendered on
 * client-side navigation, so each page calls this too (both calls are cached per request).
 * No session → sign-in; not a member, or not a workspace id at all → 404.
 */
export async function requireWorkspacePage(workspaceId: string, returnTo?: string): Promise<WorkspacePageContext> {
  const user = await getSessionUser();
  if (!user) {
    redirect(`/sign-in?callbackUrl=${encodeURIComponent(returnTo ?? `/${workspaceId}/inbox`)}`);
  }
  let access: WorkspaceAccess | null = null;
  try {
    access = await getWorkspaceAccess(user.id, workspaceId);
  } catch (error) {
    if (!(error instanceof SafeError && error.status === 404)) throw error;
  }
  // Outside the try: notFound() works by throwing, and must not be caught above.
  if (!access) notFound();
  return { user, ...access };
}
