import { getDb } from "@/lib/db/client";
import { logger } from "@/lib/logging/logger";
import { recordEmailOpen } from "@/lib/outreach-status/email-open-tracking";

export const dynamic = "force-dynamic";

// A transparent 1×1 GIF.
const PIXEL = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");

/**
 * An email's open pixel (lib/outreach-status/email-open-tracking.ts): marks that workflow email
 * seen when its token is valid and its workspace tracks opens. Whatever the token, the answer is
 * the same image with the same headers, so the address reveals nothing, not even whether it is real.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  const { token } = await params;
  try {
    await recordEmailOpen(getDb(), token.slice(0, 128));
  } catch (error) {
    logger.error({ err: error }, "email open not recorded");
  }
  return new Response(new Uint8Array(PIXEL), {
    headers: { "Content-Type": "image/gif", "Cache-Control": "private, no-store", "Referrer-Policy": "no-referrer", "X-Content-Type-Options": "nosniff" },
  });
}
