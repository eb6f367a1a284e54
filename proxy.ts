import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { authSecret } from "@/lib/auth/secret";
import { routeAccess } from "@/lib/auth/route-access";

/**
 * The front door: requests without a valid session token never reach app pages or private API
 * routes. Membership and roles are checked again by each page, layout, action and route.
 */
export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const access = routeAccess(pathname);
  if (access === "public") return NextResponse.next();

  const token = await getToken({ req: request, secret: authSecret() });
  if (token?.sub) return NextResponse.next();

  if (access === "api") {
    return NextResponse.json({ error: { code: "unauthorized", message: "Sign in to continue." } }, { status: 401 });
  }
  const signIn = new URL("/sign-in", request.url);
  if (pathname !== "/") signIn.searchParams.set("callbackUrl", `${pathname}${search}`);
  return NextResponse.redirect(signIn);
}

export const config = {
  // Static assets and Next internals never need a session.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|robots.txt|.*\\.(?:svg|png|jpg|jpeg|gif|webp|ico|woff2?)$).*)"],
};
