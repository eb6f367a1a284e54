import { z } from "zod";

/** THE schema of an id: every id Parley issues is a UUID; anything else is refused, not looked up. */
export const uuidSchema = z.uuid();
