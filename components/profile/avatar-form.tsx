"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, useTransition, type FormEvent } from "react";
import { Avatar } from "@/components/ui/avatar";
import { Button } from "@/components/ui/button";
import { fieldDescribedBy, Field } from "@/components/ui/field";
import { InlineStatus } from "@/components/ui/inline-status";
import { Input } from "@/components/ui/input";
import { removeAvatarAction, setAvatarAction } from "@/lib/actions/account";

// The server checks all of this again from the bytes; checking here only spares a wasted upload.
const MAX_BYTES = 2 * 1024 * 1024;
const ACCEPT = "image/png,image/jpeg,image/webp,image/gif";

type Status = { tone: "success" | "error"; message: string } | null;

export function AvatarForm({ name, avatarUrl }: { name: string; avatarUrl: string | null }) {
  const router = useRouter();
  const fileRef = useRef<HTMLInputElement>(null);
  const [pending, startTransition] = useTransition();
  const [status, setStatus] = useState<Status>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get("avatar");
    if (!(file instanceof File) || file.size === 0) {
      setStatus({ tone: "error", message: "Choose an image to upload." });
      return;
    }
    if (file.size > MAX_BYTES) {
      setStatus({ tone: "error", message: "That image is larger than 2 MB. Choose a smaller one." });
      return;
    }
    startTransition(async () => {
      const result = await setAvatarAction(form).catch(() => null);
      if (result?.ok) {
        setStatus({ tone: "success", message: "Avatar saved." });
        if (fileRef.current) fileRef.current.value = "";
        router.refresh();
      } else {
        setStatus({ tone: "error", message: result?.error ?? "The upload didn't work. Check your connection and try again." });
      }
    });
  }

  function onRemove() {
    startTransition(async () => {
      const result = await removeAvatarAction({});
      setStatus(result.ok ? { tone: "success", message: "Avatar removed." } : { tone: "error", message: result.error });
      if (result.ok) router.refresh();
    });
  }

  const id = "avatar-file";
  const hint = "PNG, JPEG, WebP or GIF, at most 2 MB. It is cropped to a square.";
  return (
    <form onSubmit={onSubmit} className="grid gap-3">
      <div className="flex items-center gap-4">
        <Avatar name={name} src={avatarUrl} className="size-16 text-lg" />
        <Field id={id} label="Avatar" hint={hint} className="min-w-0 flex-1">
          <Input
            ref={fileRef}
            id={id}
            name="avatar"
            type="file"
            accept={ACCEPT}
            className="h-auto max-w-sm py-1.5 file:mr-3 file:rounded file:border-0 file:bg-muted file:px-2 file:py-1 file:text-sm file:font-medium file:text-foreground"
            aria-describedby={fieldDescribedBy(id, { hint })}
          />
        </Field>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Upload avatar"}
        </Button>
        {avatarUrl ? (
          <Button variant="outline" onClick={onRemove} disabled={pending}>
            Remove avatar
          </Button>
        ) : null}
        {status ? <InlineStatus tone={status.tone}>{status.message}</InlineStatus> : null}
      </div>
    </form>
  );
}
