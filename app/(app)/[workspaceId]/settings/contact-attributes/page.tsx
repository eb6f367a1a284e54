import { ListChecks } from "lucide-react";
import type { Metadata } from "next";
import { PageHeader } from "@/components/app-shell/page-header";
import { AttributeDefinitionForm } from "@/components/contacts/attribute-definition-form";
import { AttributeDefinitionRow } from "@/components/contacts/attribute-definition-row";
import { SettingsBackLink } from "@/components/settings/settings-back-link";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { BUILDER_ROLES } from "@/lib/auth/membership";
import { requireWorkspacePage } from "@/lib/auth/workspace-page";
import { countAttributeValues, listAttributeDefinitions } from "@/lib/contacts/attribute-definitions";
import { getDb } from "@/lib/db/client";

export const metadata: Metadata = { title: "Contact attributes" };

export default async function ContactAttributesPage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const { workspaceId } = await params;
  const { workspace, role } = await requireWorkspacePage(workspaceId, `/${workspaceId}/settings/contact-attributes`);
  // The server actions check the role again; agents see the definitions without the forms.
  const canEdit = BUILDER_ROLES.includes(role);
  const db = getDb();
  const definitions = await listAttributeDefinitions(db, workspace.id);
  const counts = await Promise.all(definitions.map((definition) => countAttributeValues(db, workspace.id, definition.key)));

  return (
    <>
      <PageHeader title="Contact attributes" description="Custom fields every contact can have, each with a type its values are checked against: on the contact's page, in imports and in the API." />
      <div className="mx-auto grid max-w-4xl gap-6 px-4 py-6 sm:px-6">
        <SettingsBackLink href={`/${workspace.id}/settings`} label="Settings" />
        {canEdit ? (
          <Card aria-labelledby="attributes-new">
            <CardHeader>
              <CardTitle id="attributes-new">Define an attribute</CardTitle>
              <CardDescription>The type fixes what a value may be and which filters it offers; the key can't change later.</CardDescription>
            </CardHeader>
            <CardContent>
              <AttributeDefinitionForm workspaceId={workspace.id} />
            </CardContent>
          </Card>
        ) : (
          <p className="text-sm text-muted-foreground">Only workspace owners and admins can change contact attributes.</p>
        )}
        {definitions.length === 0 ? (
          <EmptyState icon={ListChecks} title="No attributes defined" description="Attributes set through the API without a definition stay free text." />
        ) : (
          <Card aria-labelledby="attributes-list">
            <CardHeader>
              <CardTitle id="attributes-list">Defined attributes</CardTitle>
            </CardHeader>
            <CardContent className="px-0 pb-0">
              <ul className="divide-y border-t">
                {definitions.map((definition, index) => (
                  <AttributeDefinitionRow
                    key={definition.id}
                    workspaceId={workspace.id}
                    canEdit={canEdit}
                    definition={{ id: definition.id, key: definition.key, label: definition.label, type: definition.type, options: definition.options, valueCount: counts[index] ?? 0 }}
                  />
                ))}
              </ul>
            </CardContent>
          </Card>
        )}
      </div>
    </>
  );
}
