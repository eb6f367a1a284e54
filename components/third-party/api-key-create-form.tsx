"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Field, fieldDescribedBy } from "@/components/ui/field";
import { InlineStatus } from "@/components/ui/inline-status";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { createApiKeyAction } from "@/lib/actions/api-keys";
import { API_SCOPE_DESCRIPTIONS, API_SCOPES, type ApiScope } from "@/lib/api/scopes";
import { SecretReveal } from "./secret-reveal";

export function ApiKeyCreateForm({ workspaceId }: { workspaceId: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  // Erasing people is opted into: a new key gets every scope but contacts:delete unless ticked.
  const [scopes, setScopes] = useState<ApiScope[]>(API_SCOPES.filter((scope) => scope !== "contacts:delete"));
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);

  function toggle(scope: ApiScope, on: boolean) {
    setScopes((current) => (on ? [...new Set([...current, scope])] : current.filter((s) => s !== scope)));
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const name = String(new FormData(form).get("name") ?? "");
    startTransition(async () => {
      const result = await createApiKeyAction({ workspaceId, name, scopes });
      if (result.ok) {
        setErrors({});
        setFailure(null);
        setCreated({ name: result.data.name, secret: result.data.secret });
        form.reset();
        router.refresh();
      } else {
        setErrors({ name: result.fieldErrors?.name?.[0], scopes: result.fieldErrors?.scopes?.[0] });
        setFailure(result.fieldErrors ? null : result.error);
      }
    });
  }

  return (
    <form onSubmit={onSubmit} className="grid gap-4" aria-label="Create an API key">
      <Field id="api-key-name" label="Key name" hint="What will use it, e.g. “Amelia AI” or “Salesforce”." error={errors.name}>
        <Input
          id="api-key-name"
          name="name"
          required
          maxLength={80}
          className="max-w-sm"
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={fieldDescribedBy("api-key-name", { hint: true, error: errors.name })}
        />
      </Field>
      <fieldset className="grid gap-2">
        <legend className="mb-1 text-sm font-medium">Scopes</legend>
        {API_SCOPES.map((scope) => (
          <div key={scope} className="flex items-start gap-2">
            <Checkbox id={`scope-${scope}`} checked={scopes.includes(scope)} onCheckedChange={(on) => toggle(scope, on === true)} className="mt-0.5" />
            <Label htmlFor={`scope-${scope}`} className="font-normal">
              <code className="font-mono text-xs">{scope}</code> <span className="text-muted-foreground">— {API_SCOPE_DESCRIPTIONS[scope]}</span>
            </Label>
          </div>
        ))}
        {errors.scopes ? (
          <p role="alert" className="text-xs font-medium text-destructive-soft-foreground">
            {errors.scopes}
          </p>
        ) : null}
      </fieldset>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create API key"}
        </Button>
        {failure ? <InlineStatus tone="error">{failure}</InlineStatus> : null}
      </div>
      {created ? <SecretReveal label={`API key “${created.name}”`} secret={created.secret} /> : null}
    </form>
  );
}
