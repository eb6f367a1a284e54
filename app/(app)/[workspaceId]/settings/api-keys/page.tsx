import { KeyRound } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/app-shell/page-header";
import { ApiKeyCreateForm } from "@/components/third-party/api-key-create-form";
import { ApiKeyRevokeButton } from "@/components/third-party/api-key-revoke-button";
import { LocalTime } from "@/components/time/local-time";
import { ThirdPartySubnav } from "@/components/third-party/settings-subnav";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { listApiKeys } from "@/lib/api/api-keys";
import { BUILDER_ROLES } from "@/lib/auth/membership";
import { requireWorkspacePage } from "@/lib/auth/workspace-page";
import { getDb } from "@/lib/db/client";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const { workspace, role } = await requireWorkspacePage(workspaceId, `/${workspaceId}/settings/api-keys`);
  const canEdit = BUILDER_ROLES.includes(role);
  const keys = await listApiKeys(getDb(), workspace.id);

  return (
    <>
      <PageHeader
        title="API keys"
        description={
          <>
            Keys let third-party systems use the <Link href={`/${workspace.id}/settings/api`} className="text-primary underline underline-offset-4">REST API</Link> for this workspace.
          </>
        }
      />
      <ThirdPartySubnav workspaceId={workspace.id} current="api-keys" />
      <div className="mx-auto grid max-w-4xl gap-6 px-6 py-6">
        {canEdit ? (
          <Card aria-labelledby="api-key-new">
            <CardHeader>
              <CardTitle id="api-key-new">New API key</CardTitle>
              <CardDescription>The key is shown once. Parley keeps only a hash of it.</CardDescription>
            </CardHeader>
            <CardContent>
              <ApiKeyCreateForm workspaceId={workspace.id} />
            </CardContent>
          </Card>
        ) : (
          <p className="text-sm text-muted-foreground">Only workspace owners and admins can create and revoke API keys.</p>
        )}

        <Card aria-labelledby="api-key-list">
          <CardHeader>
            <CardTitle id="api-key-list">Keys</CardTitle>
          </CardHeader>
          <CardContent className="px-0 pb-2">
            {keys.length === 0 ? (
              <EmptyState headingLevel="h3" icon={KeyRound} className="py-8" title="No API keys yet" description="Create one above to call the API." />
            ) : (
              <div className="overflow-x-auto">
                <table className="w-full text-left text-sm">
                  <thead className="border-b text-xs text-muted-foreground">
                    <tr>
                      <th scope="col" className="px-5 py-2 font-medium">Name</th>
                      <th scope="col" className="px-3 py-2 font-medium">Key</th>
                      <th scope="col" className="px-3 py-2 font-medium">Scopes</th>
                      <th scope="col" className="px-3 py-2 font-medium">Last used</th>
                      <th scope="col" className="px-3 py-2 font-medium">Status</th>
                      <th scope="col" className="px-5 py-2 font-medium"><span className="sr-only">Actions</span></th>
                    </tr>
                  </thead>
                  <tbody className="divide-y">
                    {keys.map((key) => (
                      <tr key={key.id}>
                        <td className="px-5 py-3 font-medium">{key.name}</td>
                        <td className="px-3 py-3"><code className="font-mono text-xs">{key.prefix}…</code></td>
                        <td className="px-3 py-3">
                          <div className="flex flex-wrap gap-1">
                            {key.scopes.map((scope) => (
                              <Badge key={scope} variant="outline" className="font-mono">{scope}</Badge>
                            ))}
                          </div>
                        </td>
                        <td className="px-3 py-3 text-muted-foreground"><LocalTime value={key.lastUsedAt} /></td>
                        <td className="px-3 py-3">
                          {key.revokedAt ? <Badge variant="destructive">Revoked</Badge> : <Badge variant="success">Active</Badge>}
                        </td>
                        <td className="px-5 py-3 text-right">
                          {canEdit && !key.revokedAt ? <ApiKeyRevokeButton workspaceId={workspace.id} apiKeyId={key.id} name={key.name} /> : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </CardContent>
        </Card>
      </div>
    </>
  );
}
