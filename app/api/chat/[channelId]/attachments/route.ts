import { NextResponse } from "next/server";
import { route } from "@/lib/api/route-handler";
import { uploadAttachment } from "@/lib/attachments/upload-attachment";
import { receiveUpload } from "@/lib/attachments/upload-request";
import { CHAT_SESSION_HEADER } from "@/lib/chat/chat-session-header";
import { requireChatContext } from "@/lib/chat/chat-request";
import { runService } from "@/lib/services/run-service";

export const dynamic = "force-dynamic";

/**
 * The contact attaches a file on the chat page; the message that names it sends it. The body is
 * the file, read as it arrives; left out of proxy.ts's matcher (the session header is checked here).
 */
export const POST = route(async (request: Request, { params }: { params: Promise<{ channelId: string }> }) => {
  const { channelId } = await params;
  const { actingAs } = await requireChatContext(channelId, request.headers.get(CHAT_SESSION_HEADER));
  const uploaded = await receiveUpload(request, ({ fileName, bytes }) => runService(actingAs, uploadAttachment, { fileName, bytes }));
  return NextResponse.json({ attachment: uploaded }, { status: 201, headers: { "Cache-Control": "no-store" } });
});
