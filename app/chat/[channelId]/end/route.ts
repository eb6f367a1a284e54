import { NextResponse } from "next/server";
import { route } from "@/lib/api/route-handler";
import { findChatChannel } from "@/lib/chat/chat-session";
import { sessionCookieName } from "@/lib/chat/session-token";
import { notFound } from "@/lib/errors";

export const dynamic = "force-dynamic";

/**
 * GET /chat/<channel id>/end — ends this browser's chat session (the embed snippet's
 * `Parley("shutdown")`, for a site whose customer signs out): the session cookie is cleared, so
 * the next visit starts a new, anonymous session. Under /chat/<id> so the cookie's path covers it.
 */
export const GET = route(async (_request: Request, { params }: { params: Promise<{ channelId: string }> }) => {
  const { channelId } = await params;
  const channel = await findChatChannel(channelId);
  if (!channel) throw notFound("That chat");
  const response = new NextResponse("<!doctype html><title>Chat ended</title><p>This chat session has ended.</p>", {
    status: 200,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" },
  });
  response.cookies.set(sessionCookieName(channel.id), "", { httpOnly: true, sameSite: "lax", path: `/chat/${channel.id}`, maxAge: 0 });
  return response;
});
