import { z } from "zod";
import { uuidSchema } from "@/lib/validation/uuid";

/** At most this many files go with one message. */
export const MAX_ATTACHMENTS_PER_MESSAGE = 10;

/** The file's name, sent beside the bytes (the body is the file itself). Only shown, never trusted for its type. */
export const attachmentFileNameSchema = z
  .string()
  .trim()
  .min(1, "The file needs a name.")
  .max(255, "Keep the file name under 255 characters.")
  // A name becomes a download's file name: no path, no control characters.
  .transform((name) => [...name].map((ch) => (ch.charCodeAt(0) < 0x20 || ch === "\u007f" || ch === "/" || ch === "\\" ? "_" : ch)).join(""));

export const uploadAttachmentQuerySchema = z.object({ name: attachmentFileNameSchema });

export const attachmentIdsSchema = z.array(uuidSchema).max(MAX_ATTACHMENTS_PER_MESSAGE, `Attach at most ${MAX_ATTACHMENTS_PER_MESSAGE} files to one message.`);
