"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, fieldDescribedBy } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { IMPORT_MAX_BYTES } from "@/lib/contact-imports/import-limits";

const MAX_MB = IMPORT_MAX_BYTES / 1024 / 1024;

/**
 * Step 1: the file goes up as the request body itself (not a form post), which the server reads
 * as it arrives; then the page for this import opens on its preview and mapping.
 */
export function UploadForm({ workspaceId }: { workspaceId: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = new FormData(event.currentTarget).get("file");
    if (!(file instanceof File) || file.size === 0) return setError("Choose a CSV file to upload.");
    if (file.size > IMPORT_MAX_BYTES) return setError(`The file is larger than ${MAX_MB} MB. Split it and import each part.`);
    setError(null);
    setUploading(true);
    try {
      const response = await fetch(`/api/workspaces/${workspaceId}/contact-import-uploads?fileName=${encodeURIComponent(file.name)}`, {
        method: "POST",
        headers: { "Content-Type": "text/csv" },
        body: file,
      });
      const body = (await response.json().catch(() => null)) as { importId?: string; error?: { message?: string } } | null;
      if (!response.ok || !body?.importId) {
        setError(body?.error?.message ?? "The file could not be uploaded. Try again.");
        return;
      }
      router.push(`/${workspaceId}/contacts/import/${body.importId}`);
    } catch {
      setError("The upload was interrupted. Check your connection and try again.");
    } finally {
      setUploading(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="grid gap-4">
      <Field id="import-file" label="CSV file" hint={`UTF-8 (with or without BOM), comma or semicolon separated, up to ${MAX_MB} MB. The first row names the columns.`} error={error ?? undefined}>
        <Input
          id="import-file"
          name="file"
          type="file"
          accept=".csv,text/csv"
          required
          className="max-w-md"
          aria-invalid={error ? true : undefined}
          aria-describedby={fieldDescribedBy("import-file", { hint: true, error })}
        />
      </Field>
      <div>
        <Button type="submit" disabled={uploading}>
          {uploading ? "Uploading…" : "Upload and preview"}
        </Button>
      </div>
    </form>
  );
}
