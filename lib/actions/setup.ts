"use server";

import { getDb } from "@/lib/db/client";
import { completeFirstRunSetup } from "@/lib/setup/first-run-setup";
import { firstRunSetupSchema } from "@/lib/setup/first-run-setup.validation";
import { publicAction } from "./safe-action";

export const completeSetupAction = publicAction({ schema: firstRunSetupSchema }, (input) => completeFirstRunSetup(getDb(), input));
