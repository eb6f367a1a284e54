import { Search, Users } from "lucide-react";
import type { Metadata } from "next";
import { Suspense } from "react";
import Link from "next/link";
import { PageHeader } from "@/components/app-shell/page-header";
import { ContactListTools } from "@/components/contacts/contact-list-tools";
import { ImportContactsButton } from "@/components/contact-import/import-button";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { requireWorkspacePage } from "@/lib/auth/workspace-page";
import { searchContacts } from "@/lib/db/queries/contacts";
import { ContactMatchCount, ContactMatchCountPending } from "@/components/contacts/contact-match-count";
import { contactListFilterFromSearchParams, contactListSearchParams } from "@/lib/contacts/contact-list-params";
import { filterAttributes } from "@/components/audience-filter/audience-filter-model";
import { ContactListFilter } from "@/components/contacts/contact-list-filter";
import { NewContactButton } from "@/components/contacts/new-contact-button";
import { listAttributeDefinitions } from "@/lib/contacts/attribute-definitions";
import { CONTACT_LIST_FILTER_PARAM } from "@/lib/contacts/contact-list-filter";
import { listWorkspaceTags } from "@/lib/contacts/workspace-tags";
import { getDb } from "@/lib/db/client";

export const metadata: Metadata = { title: "Contacts" };

type PageProps = {
  params: Promise<{ workspaceId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";

export default async function ContactsPage({ params, searchParams }: PageProps) {
  const { workspaceId } = await params;
  const query = await searchParams;
  const { workspace } = await requireWorkspacePage(workspaceId, `/${workspaceId}/contacts`);
  // A search for text Parley cannot store (a NUL, an unpaired surrogate) matches nobody; say so.
  const { filter: listFilter, unsearchable } = contactListFilterFromSearchParams(query);
  const { q, audience: filter = null } = listFilter;
  const page = Math.max(1, Math.min(10_000, Number.parseInt(first(query.page), 10) || 1));
  const [{ items, hasMore }, definitions, tags] = await Promise.all([
    unsearchable ? { items: [], hasMore: false } : searchContacts({ workspaceId: workspace.id, query: q, page, filter }),
    listAttributeDefinitions(getDb(), workspace.id),
    listWorkspaceTags(getDb(), workspace.id),
  ]);
  const pageHref = (n: number) => {
    const params = contactListSearchParams(listFilter);
    if (n > 1) params.set("page", String(n));
    const s = params.toString();
    return `/${workspace.id}/contacts${s ? `?${s}` : ""}`;
  };

  return (
    <>
      <PageHeader
        title="Contacts"
        description="The people your team talks to."
        actions={
          <>
            <ContactListTools workspaceId={workspace.id} searchParams={query} />
            <ImportContactsButton workspaceId={workspace.id} />
            <NewContactButton workspaceId={workspace.id} />
          </>
        }
      />
      <div className="grid gap-4 px-6 py-5">
        <form role="search" action={`/${workspace.id}/contacts`} className="flex max-w-xl items-end gap-2">
          {filter ? <input type="hidden" name={CONTACT_LIST_FILTER_PARAM} value={JSON.stringify(filter)} /> : null}
          <div className="grid flex-1 gap-1.5">
            <Label htmlFor="contact-search">Search contacts</Label>
            <Input id="contact-search" name="q" type="search" defaultValue={q} placeholder="Name, email or phone" autoComplete="off" />
          </div>
          <Button type="submit" variant="secondary">
            <Search aria-hidden />
            Search
          </Button>
        </form>

        <ContactListFilter
          key={JSON.stringify(filter)}
          filter={filter}
          attributes={filterAttributes(
            definitions.map(({ key, label, type, options }) => ({ key, label, type, options })),
            [],
          )}
          tags={tags}
        />
        {(filter || q) && !unsearchable ? (
          <Suspense key={JSON.stringify(listFilter)} fallback={<ContactMatchCountPending />}>
            <ContactMatchCount workspaceId={workspace.id} filter={listFilter} />
          </Suspense>
        ) : null}

        {items.length === 0 ? (
          <EmptyState
            icon={Users}
            title={unsearchable ? "That search can't be run" : q || filter ? "No contacts match" : "No contacts yet"}
            description={
              <p>
                {unsearchable
                  ? "The search text contains a character Parley does not store (a NUL or an unpaired surrogate). Remove it and search again."
                  : q
                    ? `Nobody's name, email or phone contains “${q}”${filter ? " among the filtered contacts" : ""}.`
                  : filter
                    ? "No contact matches this filter."
                    : "Contacts appear here when they write in or are imported through the API."}
              </p>
            }
          />
        ) : (
          <div className="overflow-x-auto rounded-lg border">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">{q ? `Contacts matching “${q}”, page ${page}` : `Contacts, page ${page}`}</caption>
              <thead className="border-b bg-subtle text-xs text-muted-foreground uppercase">
                <tr>
                  <th scope="col" className="px-4 py-2 font-semibold">Name</th>
                  <th scope="col" className="px-4 py-2 font-semibold">Email</th>
                  <th scope="col" className="px-4 py-2 font-semibold">Phone</th>
                  <th scope="col" className="px-4 py-2 font-semibold">Company</th>
                  <th scope="col" className="px-4 py-2 font-semibold">Tags</th>
                </tr>
              </thead>
              <tbody className="divide-y">
                {items.map((contact) => (
                  <tr key={contact.id} className="hover:bg-muted/50">
                    <td className="px-4 py-2 font-medium">
                      <Link href={`/${workspace.id}/contacts/${contact.id}`} className="text-primary underline-offset-4 hover:underline">
                        {contact.name}
                      </Link>
                    </td>
                    <td className="px-4 py-2">{contact.email}</td>
                    <td className="px-4 py-2 tabular-nums">{contact.phone}</td>
                    <td className="px-4 py-2">{contact.company}</td>
                    <td className="px-4 py-2">
                      <span className="flex flex-wrap gap-1">
                        {contact.tags.map((tag) => (
                          <Badge key={tag}>{tag}</Badge>
                        ))}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}

        {page > 1 || hasMore ? (
          <nav aria-label="Pages" className="flex items-center justify-between text-sm">
            {page > 1 ? (
              <Link href={pageHref(page - 1)} className="text-primary underline-offset-4 hover:underline">
                Previous page
              </Link>
            ) : (
              <span />
            )}
            <span className="text-muted-foreground">Page {page}</span>
            {hasMore ? (
              <Link href={pageHref(page + 1)} className="text-primary underline-offset-4 hover:underline">
                Next page
              </Link>
            ) : (
              <span />
            )}
          </nav>
        ) : null}
      </div>
    </>
  );
}
