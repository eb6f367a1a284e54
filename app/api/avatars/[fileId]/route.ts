import { NextResponse } from "next/server";
import { route } from "@/lib/api/route-handler";
import { getDb } from "@/lib/db/client";
import { findAvatarFile } from "@/lib/people/avatar-file";
import { uuidSchema } from "@/lib/validation/uuid";

export const dynamic = "force-dynamic";

// Every avatar is re-encoded as one of these by prepareAvatarImage; anything else is not served.
const IMAGE_TYPES = new Set(["image/webp", "image/png", "image/jpeg", "image/gif"]);

/**
 * An uploaded avatar, public like the chat that shows it. The URL names the file and a file never
 * changes, so it is cached for a year as immutable; its type is the stored image type, with
 * nosniff, so a browser never reads it as anything else (never HTML, never SVG).
 */
export const GET = route(async (_request: Request, { params }: { params: Promise<{ fileId: string }> }) => {
  const id = uuidSchema.safeParse((await params).fileId);
  const file = id.success ? await findAvatarFile(getDb(), id.data) : null;
  if (!file || !IMAGE_TYPES.has(file.contentType)) {
    return new NextResponse(null, { status: 404, headers: { "Cache-Control": "no-store" } });
  }
  return new NextResponse(new Uint8Array(file.bytes), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Length": String(file.byteSize),
      "Cache-Control": "public, max-age=31536000, immutable",
      "X-Content-Type-Options": "nosniff",
      "Content-Disposition": "inline",
    },
  });
});
