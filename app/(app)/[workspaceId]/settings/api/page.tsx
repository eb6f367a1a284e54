import type { Metadata } from "next";
import { headers } from "next/headers";
import { PageHeader } from "@/components/app-shell/page-header";
import { ApiReference } from "@/components/third-party/api-reference";
import { ThirdPartySubnav } from "@/components/third-party/settings-subnav";
import { buildOpenApiDocument } from "@/lib/api/openapi/document";
import { requireWorkspacePage } from "@/lib/auth/workspace-page";

export const metadata: Metadata = { title: "API reference" };

export default async function ApiReferencePage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const { workspace } = await requireWorkspacePage(workspaceId, `/${workspaceId}/settings/api`);
  const requestHeaders = await headers();
  const host = requestHeaders.get("host") ?? "localhost:3000";
  const protocol = requestHeaders.get("x-forwarded-proto") ?? "http";
  const document = buildOpenApiDocument(`${protocol}://${host}/api/v1`);
  return (
    <>
      <PageHeader title="API reference" description="The REST API for third-party systems, generated from the same schemas the API validates with." />
      <ThirdPartySubnav workspaceId={workspace.id} current="api" />
      <div className="mx-auto max-w-4xl px-6 py-6">
        <ApiReference document={document} />
      </div>
    </>
  );
}
