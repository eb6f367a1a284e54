import { Search } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/app-shell/page-header";
import { MergeContactsForm } from "@/components/contacts/merge-contacts-form";
import { Button } from "@/components/ui/button";
import { InlineStatus } from "@/components/ui/inline-status";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { ROLE_RANK } from "@/lib/auth/membership";
import { requireWorkspacePage } from "@/lib/auth/workspace-page";
import { contactListFilterFromSearchParams } from "@/lib/contacts/contact-list-params";
import { mergeRows } from "@/lib/contacts/contact-merge-rows";
import { getContact, searchContacts } from "@/lib/db/queries/contacts";
import { isUuid } from "@/lib/inbox/views";

export const metadata: Metadata = { title: "Merge contacts" };

type PageProps = {
  params: Promise<{ workspaceId: string; contactId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";

/**
 * Merge another contact of the same person into this one: find them, then choose, field by field,
 * whose value to keep. Owners and admins only (the action checks again).
 */
export default async function MergeContactPage({ params, searchParams }: PageProps) {
  const { workspaceId, contactId } = await params;
  const query = await searchParams;
  const { workspace, role } = await requireWorkspacePage(workspaceId, `/${workspaceId}/contacts/${contactId}/merge`);
  if (!isUuid(contactId)) notFound();
  const contact = await getContact(workspace.id, contactId);
  if (!contact) notFound();
  const base = `/${workspace.id}/contacts/${contact.id}`;
  const header = (
    <PageHeader
      title={`Merge into ${contact.name}`}
      description={<Link href={base} className="underline-offset-4 hover:underline">Back to {contact.name}</Link>}
    />
  );
  if (ROLE_RANK[role] < ROLE_RANK.admin) {
    return (
      <>
        {header}
        <div className="px-6 py-5">
          <InlineStatus tone="warning">Only workspace owners and admins can merge contacts.</InlineStatus>
        </div>
      </>
    );
  }

  const withId = first(query.with);
  const other = isUuid(withId) && withId !== contact.id ? await getContact(workspace.id, withId) : null;
  if (other) {
    return (
      <>
        {header}
        <div className="grid gap-4 px-6 py-5">
          <p className="text-sm text-muted-foreground">
            <Link href={`${base}/merge`} className="text-primary underline-offset-4 hover:underline">Choose another contact</Link>
          </p>
          <MergeContactsForm
            workspaceId={workspace.id}
            survivor={{ id: contact.id, name: contact.name }}
            merged={{ id: other.id, name: other.name }}
            rows={mergeRows(contact, other)}
          />
        </div>
      </>
    );
  }

  const { filter, unsearchable } = contactListFilterFromSearchParams(query);
  const results = filter.q && !unsearchable ? (await searchContacts({ workspaceId: workspace.id, query: filter.q, page: 1 })).items.filter((item) => item.id !== contact.id) : [];
  return (
    <>
      {header}
      <div className="grid gap-4 px-6 py-5">
        <p className="max-w-prose text-sm text-muted-foreground">
          Find the other contact of the same person. Their conversations, chat sessions, workflow runs and tags move to {contact.name}, and you choose which name,
          email, phone and attributes to keep.
        </p>
        <form role="search" action={`${base}/merge`} className="flex max-w-xl items-end gap-2">
          <div className="grid flex-1 gap-1.5">
            <Label htmlFor="merge-search">Find a contact</Label>
            <Input id="merge-search" name="q" type="search" defaultValue={filter.q} placeholder="Name, email or phone" autoComplete="off" />
          </div>
          <Button type="submit" variant="secondary">
            <Search aria-hidden />
            Search
          </Button>
        </form>
        {filter.q ? (
          results.length === 0 ? (
            <p className="text-sm text-muted-foreground">No other contact matches “{filter.q}”.</p>
          ) : (
            <ul className="divide-y rounded-lg border" aria-label="Matching contacts">
              {results.map((item) => (
                <li key={item.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2 text-sm">
                  <span className="min-w-0 [overflow-wrap:anywhere]">
                    <span className="font-medium">{item.name}</span>
                    <span className="text-muted-foreground">{[item.email, item.phone].filter(Boolean).map((value) => ` · ${value}`)}</span>
                  </span>
                  <Button asChild variant="outline" size="sm">
                    <Link href={`${base}/merge?with=${item.id}`} aria-label={`Compare ${item.name} with ${contact.name}`}>
                      Compare
                    </Link>
                  </Button>
                </li>
              ))}
            </ul>
          )
        ) : null}
      </div>
    </>
  );
}
