import { NextResponse } from "next/server";
import { route } from "@/lib/api/route-handler";
import { CHAT_SESSION_HEADER } from "@/lib/chat/chat-session-header";
import { requireChatContext } from "@/lib/chat/chat-request";
import { sessionCookieName } from "@/lib/chat/session-token";

export const dynamic = "force-dynamic";

const THIRTY_DAYS = 30 * 24 * 60 * 60;

/**
 * Stores the session the chat page opened in an httpOnly cookie scoped to that chat's path, so
 * a reload resumes it. (Pages cannot set cookies while rendering, hence this small round trip.)
 */
export const POST = route(async (request: Request, { params }: { params: Promise<{ channelId: string }> }) => {
  const { channelId } = await params;
  const { channel, token } = await requireChatContext(channelId, request.headers.get(CHAT_SESSION_HEADER));
  const response = new NextResponse(null, { status: 204 });
  response.cookies.set(sessionCookieName(channel.id), token, {
    httpOnly: true,
    sameSite: "lax",
    secure: new URL(request.url).protocol === "https:",
    path: `/chat/${channel.id}`,
    maxAge: THIRTY_DAYS,
  });
  return response;
});
