import { readEnv } from "@/lib/env";
import { SafeError } from "@/lib/errors";
import { assertAcceptableText } from "@/lib/validation/text";
import { uploadAttachmentQuerySchema } from "./attachments.validation";
import { limitUpload } from "./read-upload";

/** The content type an upload must be sent with: a cross-site form cannot send it without a CORS preflight. */
export const UPLOAD_CONTENT_TYPE = "application/octet-stream";

export function attachmentMaxBytes(): number {
  return readEnv().PARLEY_ATTACHMENT_MAX_BYTES;
}

/**
 * An upload request: the file itself is the body (application/octet-stream), its name in ?name=.
 * Refused by its declared length before the body is read, else as soon as it passes the limit.
 * The body is not read here: its chunks flow into storage as they arrive (uploadAttachment).
 * Its routes are left out of proxy.ts's matcher, which would buffer the whole body first.
 */
export async function receiveUpload(request: Request): Promise<{ fileName: string; bytes: AsyncIterable<Uint8Array> }> {
  const rawQuery = Object.fromEntries(new URL(request.url).searchParams);
  assertAcceptableText(rawQuery, "The file name");
  const { name } = uploadAttachmentQuerySchema.parse(rawQuery);
  if (request.headers.get("content-type")?.toLowerCase().split(";")[0]?.trim() !== UPLOAD_CONTENT_TYPE) {
    throw new SafeError("unsupported_media_type", `Send the file as ${UPLOAD_CONTENT_TYPE}.`);
  }
  if (!request.body) throw new SafeError("invalid_input", "Choose a file to attach.");
  const declared = request.headers.get("content-length");
  const bytes = limitUpload(request.body, declared && /^\d+$/.test(declared) ? Number(declared) : null, attachmentMaxBytes());
  return { fileName: name, bytes };
}
