import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { authSecret } from "@/lib/auth/secret";
import { routeAccess } from "@/lib/auth/route-access";
import { chatFrameAncestors } from "@/lib/chat/frame-ancestors";
import { readEnv } from "@/lib/env";
import { currentRequestId, requestIdFrom } from "@/lib/logging/request-context";
import { cameOverHttps, createNonce, securityHeaders, type ResponseKind } from "@/lib/security/security-headers";

const CHAT_PAGE = /^\/chat\/([^/]+)(?:\/.*)?$/;

/** What the response is, for its security headers: an app page, a chat page, or anything else. */
async function responseKind(pathname: string): Promise<ResponseKind> {
  if (pathname.startsWith("/api/") || pathname === "/chat/embed.js") return { kind: "other" };
  const chat = pathname.match(CHAT_PAGE);
  if (chat) return { kind: "chat-page", allowedOrigins: await chatFrameAncestors(decodeURIComponent(chat[1]!)).catch(() => null) };
  return { kind: "app-page" };
}

/**
 * The front door. Requests without a valid session token never reach app pages or private API
 * routes (membership and roles are checked again by each page, layout, action and route). Every
 * response leaves with its security headers; a page's Content-Security-Policy carries a nonce
 * that the request hands on to the render, where Next puts it on its scripts.
 */
export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const kind = await responseKind(pathname);
  // Only a page's policy carries a nonce (for the scripts it renders).
  const nonce = kind.kind === "other" ? "" : createNonce();
  const headers = securityHeaders(kind, { nonce, https: cameOverHttps(request.nextUrl.protocol, request.headers.get("x-forwarded-proto")), development: readEnv().NODE_ENV === "development" });
  const withHeaders = (response: NextResponse) => {
    for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
    return response;
  };

  const access = routeAccess(pathname);
  if (access !== "public") {
    const token = await getToken({ req: request, secret: authSecret() });
    if (!token?.sub) {
      if (access === "api") {
        // The request's id (npm start's server puts it in X-Request-Id too), as every error body carries.
        const requestId = currentRequestId() ?? requestIdFrom(request.headers.get("x-request-id"));
        const response = NextResponse.json({ error: { code: "unauthorized", message: "Sign in to continue.", requestId } }, { status: 401 });
        response.headers.set("X-Request-Id", requestId);
        return withHeaders(response);
      }
      const signIn = new URL("/sign-in", request.url);
      if (pathname !== "/") signIn.searchParams.set("callbackUrl", `${pathname}${search}`);
      return withHeaders(NextResponse.redirect(signIn));
    }
  }

  // An API answer or a script renders nothing: its request goes on as it came (handing on changed
  // request headers makes Next copy every header of the request through the response and back).
  if (kind.kind === "other") return withHeaders(NextResponse.next());
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]!);
  return withHeaders(NextResponse.next({ request: { headers: requestHeaders } }));
}

export const config = {
  // The proxy runs where it has a session to check or a page to render. Public API routes (the
  // chat's, webhooks, the API keys' /api/v1, health, metrics, avatars and signed attachment links;
  // see lib/auth/route-access.ts) check their own callers and render nothing: they skip it, and
  // get an API answer's security headers from npm start's front door (lib/server/serve-request.ts).
  // Under the load bench the proxy's run cost the chat 5% of the web process's CPU for those
  // headers alone. Uploads skip it too: through it their body would be buffered whole, and cut
  // at 10 MB (a contact import's upload of up to 50 MB checks its own session; attachment uploads,
  // lib/attachments/upload-request.ts). Static assets and Next internals never need a session.
  matcher: [
    "/((?!_next/static|_next/image|favicon.ico|robots.txt|api/(?:chat|sms|v1|health|metrics|email|avatars|attachments)(?:/|$)|api/workspaces/[^/]+/contact-import-uploads$|api/workspaces/[^/]+/conversations/[^/]+/attachments$|.*\\.(?:svg|png|jpg|jpeg|gif|webp|ico|woff2?)$).*)",
  ],
};
