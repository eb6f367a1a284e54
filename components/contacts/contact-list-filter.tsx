"use client";

import { Filter } from "lucide-react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { AudienceFilterEditor } from "@/components/audience-filter/audience-filter-editor";
import { countableFilter, readFilter, type FilterAttribute } from "@/components/audience-filter/audience-filter-model";
import { Button } from "@/components/ui/button";
import { CONTACT_LIST_FILTER_PARAM, isEmptyFilter } from "@/lib/contacts/contact-list-filter";
import { describeAudienceFilter, type AudienceFilter } from "@/lib/workflow/audience/audience-filter";

type Props = { filter: AudienceFilter | null; attributes: readonly FilterAttribute[]; tags: readonly string[] };

/**
 * The Contacts list's filter: the same editor as Audience Matched's, applied through the URL so the
 * server lists and counts with the same compiler.
 */
export function ContactListFilter({ filter: applied, attributes, tags }: Props) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [open, setOpen] = useState(applied !== null);
  const [filter, setFilter] = useState<AudienceFilter>(() => readFilter(applied));
  const ready = countableFilter(filter);

  function go(next: AudienceFilter | null) {
    const params = new URLSearchParams(searchParams.toString());
    params.delete("page");
    if (next && !isEmptyFilter(next)) params.set(CONTACT_LIST_FILTER_PARAM, JSON.stringify(next));
    else params.delete(CONTACT_LIST_FILTER_PARAM);
    const query = params.toString();
    router.push(`${pathname}${query ? `?${query}` : ""}`);
  }

  return (
    <section aria-labelledby="contact-filter-heading" className="grid gap-3 rounded-lg border p-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="grid min-w-0 gap-0.5">
          <h2 id="contact-filter-heading" className="flex items-center gap-2 text-sm font-semibold">
            <Filter className="size-4 shrink-0 text-muted-foreground" aria-hidden />
            Filter
          </h2>
          <p className="text-xs text-muted-foreground [overflow-wrap:anywhere]">{applied ? describeAudienceFilter(applied) : "All contacts"}</p>
        </div>
        <Button variant="ghost" size="sm" aria-expanded={open} aria-controls="contact-filter-editor" onClick={() => setOpen(!open)}>
          {open ? "Hide filter" : applied ? "Edit filter" : "Show filter"}
        </Button>
      </div>
      {open ? (
        <div id="contact-filter-editor" className="grid max-w-3xl gap-3">
          <AudienceFilterEditor id="contact-filter" filter={filter} onChange={setFilter} attributes={attributes} tags={tags} />
          <div className="flex flex-wrap gap-2">
            <Button size="sm" disabled={!ready} onClick={() => go(ready)}>
              Apply filter
            </Button>
            {applied ? (
              <Button
                size="sm"
                variant="outline"
                onClick={() => {
                  setFilter(readFilter({}));
                  go(null);
                }}
              >
                Clear filter
              </Button>
            ) : null}
          </div>
        </div>
      ) : null}
    </section>
  );
}
