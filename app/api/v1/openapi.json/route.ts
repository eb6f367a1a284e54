import { NextResponse } from "next/server";
import { buildOpenApiDocument } from "@/lib/api/openapi/document";

export const dynamic = "force-dynamic";

/** The API's OpenAPI 3.1 document; public, like any API reference. */
export async function GET(request: Request) {
  const origin = new URL(request.url).origin;
  return NextResponse.json(buildOpenApiDocument(`${origin}/api/v1`), {
    headers: { "Cache-Control": "public, max-age=300" },
  });
}
