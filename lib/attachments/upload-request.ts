import { readEnv } from "@/lib/env";
import { SafeError } from "@/lib/errors";
import { assertAcceptableText } from "@/lib/validation/text";
import { uploadAttachmentQuerySchema } from "./attachments.validation";
import { FILE_PART_BYTES } from "@/lib/storage/file-storage";
import { declaredLength, limitedBody, withSpooledBody } from "@/lib/http/request-body";
import { tooLarge } from "./read-upload";

/** The content type an upload must be sent with: a cross-site form cannot send it without a CORS preflight. */
export const UPLOAD_CONTENT_TYPE = "application/octet-stream";

export function attachmentMaxBytes(): number {
  return readEnv().PARLEY_ATTACHMENT_MAX_BYTES;
}

export type ReceivedUpload = { fileName: string; bytes: AsyncIterable<Uint8Array> };

/**
 * An upload request: the file itself is the body (application/octet-stream), its name in ?name=.
 * Refused by its declared length before the body is read, else as soon as it passes the limit.
 * Its routes are left out of proxy.ts's matcher, which would buffer the whole body first.
 *
 * The body is spooled to a temporary file before `consume` (which opens the transaction that stores
 * it) reads it back part by part, so a slow client never holds a database connection
 * (lib/http/request-body.ts says why).
 */
export async function receiveUpload<T>(request: Request, consume: (upload: ReceivedUpload) => Promise<T>): Promise<T> {
  const rawQuery = Object.fromEntries(new URL(request.url).searchParams);
  assertAcceptableText(rawQuery, "The file name");
  const { name } = uploadAttachmentQuerySchema.parse(rawQuery);
  if (request.headers.get("content-type")?.toLowerCase().split(";")[0]?.trim() !== UPLOAD_CONTENT_TYPE) {
    throw new SafeError("unsupported_media_type", `Send the file as ${UPLOAD_CONTENT_TYPE}.`);
  }
  if (!request.body) throw new SafeError("invalid_input", "Choose a file to attach.");
  const maxBytes = attachmentMaxBytes();
  const chunks = limitedBody(request.body, declaredLength(request), maxBytes, () => tooLarge(maxBytes));
  return withSpooledBody(chunks, FILE_PART_BYTES, (bytes) => consume({ fileName: name, bytes }));
}
