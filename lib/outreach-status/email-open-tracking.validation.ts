import { z } from "zod";

export const setEmailOpenTrackingSchema = z.object({ enabled: z.boolean() });
export type SetEmailOpenTrackingInput = z.infer<typeof setEmailOpenTrackingSchema>;
