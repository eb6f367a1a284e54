import { redirect } from "next/navigation";
import { listUserWorkspaces } from "@/lib/auth/membership";
import { getSessionUser } from "@/lib/auth/session";
import { NoWorkspace } from "@/components/app-shell/no-workspace";

export default async function HomePage() {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  const [first] = await listUserWorkspaces(user.id);
  if (first) redirect(`/${first.id}/inbox`);
  return <NoWorkspace name={user.name} />;
}
