"use client";

import { Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { createWorkflowAction } from "@/lib/actions/workflows";
import { WorkflowNameDialog } from "./workflow-name-dialog";

export function NewWorkflowButton({ workspaceId }: { workspaceId: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <Plus aria-hidden /> New workflow
      </Button>
      <WorkflowNameDialog
        open={open}
        onOpenChange={setOpen}
        title="New workflow"
        description="Name it after what it does, e.g. “Re-engage quiet customers”. You pick the trigger on the canvas."
        submitLabel="Create"
        initialName=""
        onSubmit={async (name) => {
          const result = await createWorkflowAction({ workspaceId, name });
          if (!result.ok) return result.fieldErrors?.name?.[0] ?? result.error;
          router.push(`/${workspaceId}/workflows/${result.data.workflowId}`);
          return null;
        }}
      />
    </>
  );
}
