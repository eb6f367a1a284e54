import { z } from "zod";
import { workspaceNameSchema } from "@/lib/workspace/workspace-settings.validation";

/** What /setup asks of the first owner: who they are, their password and their first workspace's name. */
export const firstRunSetupSchema = z.object({
  // Only its shape is checked here; whether it still works is the setup's own check.
  token: z.string().max(200),
  name: z.string().trim().min(1, "Enter your name.").max(120, "Keep your name under 120 characters."),
  email: z.string().trim().toLowerCase().max(320, "That email address is too long.").pipe(z.email("Enter an email address like you@example.com.")),
  password: z.string().min(8, "Use at least 8 characters.").max(1024, "Keep the password under 1024 characters."),
  workspaceName: workspaceNameSchema,
});

export type FirstRunSetupInput = z.infer<typeof firstRunSetupSchema>;
