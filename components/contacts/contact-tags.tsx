"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { addContactTagAction, removeContactTagAction } from "@/lib/actions/contacts";
import { TagEditor } from "./tag-editor";

/** The tag editor of a saved contact: each add or remove is saved at once. */
export function ContactTags({ workspaceId, contactId, tags: initial, suggestions }: { workspaceId: string; contactId: string; tags: string[]; suggestions: string[] }) {
  const router = useRouter();
  const [tags, setTags] = useState(initial);
  const apply = async (run: Promise<{ ok: true; data: { tags: string[] } } | { ok: false; error: string; fieldErrors?: Record<string, string[]> }>) => {
    const result = await run;
    if (!result.ok) return result.fieldErrors?.tag?.[0] ?? result.error;
    setTags(result.data.tags);
    router.refresh();
    return null;
  };
  return (
    <TagEditor
      tags={tags}
      suggestions={suggestions}
      onAdd={(tag) => apply(addContactTagAction({ workspaceId, contactId, tag }))}
      onRemove={(tag) => apply(removeContactTagAction({ workspaceId, contactId, tag }))}
    />
  );
}
