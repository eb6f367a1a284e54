import { z } from "zod";
import { newPasswordSchema } from "@/lib/auth/password-policy";
import { emailAddressSchema, personNameSchema } from "@/lib/people/person-fields";
import { workspaceNameSchema } from "@/lib/workspace/workspace-settings.validation";

/** What /setup asks of the first owner: who they are, their password and their first workspace's name. */
export const firstRunSetupSchema = z.object({
  // Only its shape is checked here; whether it still works is the setup's own check.
  token: z.string().max(200),
  name: personNameSchema,
  email: emailAddressSchema,
  password: newPasswordSchema,
  workspaceName: workspaceNameSchema,
});

export type FirstRunSetupInput = z.infer<typeof firstRunSetupSchema>;
