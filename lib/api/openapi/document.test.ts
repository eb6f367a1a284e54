import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/v1/openapi.json/route";
import { ERROR_CODES, ERROR_CODE_LIST } from "@/lib/errors";
import { buildOpenApiDocument } from "./document";

function collectRefs(value: unknown, refs: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((item) => collectRefs(item, refs));
  else if (value && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) {
      if (key === "$ref" && typeof child === "string") refs.push(child);
      else collectRefs(child, refs);
    }
  }
  return refs;
}

function resolve(document: unknown, pointer: string): unknown {
  return pointer
    .replace(/^#\//, "")
    .split("/")
    .reduce<unknown>((node, part) => (node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined), document);
}

describe("the OpenAPI document", () => {
  const document = buildOpenApiDocument("https://parley.example/api/v1");

  it("is OpenAPI 3.1 with every $ref resolving inside the document", () => {
    expect(document.openapi).toBe("3.1.0");
    const refs = collectRefs(document);
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of refs) expect(resolve(document, ref), ref).toBeDefined();
  });

  it("documents a route file for every path, and the other way round", () => {
    for (const apiPath of Object.keys(document.paths)) {
      const folder = apiPath.replace(/\{(\w+)\}/g, "[$1]");
      expect(existsSync(path.join(process.cwd(), "app/api/v1", folder, "route.ts")), apiPath).toBe(true);
    }
    expect(Object.keys(document.paths).sort()).toEqual(
      ["/contacts", "/contacts/{externalId}", "/conversations", "/conversations/{conversationId}", "/conversations/{conversationId}/messages", "/workflows/{workflowId}/runs"].sort(),
    );
  });

  it("describes request bodies from the routes' zod schemas, strict and with defaults", () => {
    const start = document.components.schemas.StartConversationRequest as { additionalProperties: boolean; required: string[]; properties: Record<string, { default?: unknown }> };
    expect(start.additionalProperties).toBe(false);
    expect(start.required).toEqual(["contact", "message"]);
    expect(start.properties.openMode?.default).toBe("after_reply");
    expect(document.components.schemas.RichTextDocument).toMatchObject({ type: "object", properties: { type: { const: "doc" } } });
  });

  it("documents every error code of lib/errors.ts under the response of its status, and no other", () => {
    const responses = document.components.responses as Record<string, { description: string }>;
    for (const code of ERROR_CODE_LIST) {
      expect(responses[`Error${ERROR_CODES[code].status}`]?.description, code).toContain(`\`${code}\``);
    }
    const errorCodeSchema = (document.components.schemas.Error as { properties: { error: { properties: { code: { enum: string[] } } } } }).properties.error.properties.code;
    expect([...errorCodeSchema.enum].sort()).toEqual([...ERROR_CODE_LIST].sort());
    for (const operation of Object.values(document.paths).flatMap((methods) => Object.values(methods) as { responses: Record<string, unknown> }[])) {
      expect(Object.keys(operation.responses)).toContain("500");
    }
  });

  it("is served at /api/v1/openapi.json with this host as the server", async () => {
    const response = await GET(new Request("http://localhost:3300/api/v1/openapi.json"));
    expect(response.status).toBe(200);
    const served = (await response.json()) as { servers: { url: string }[] };
    expect(served.servers[0]!.url).toBe("http://localhost:3300/api/v1");
  });

  it("documents the contact list's query parameters and the erasure's own scope", () => {
    const listOperation = document.paths["/contacts"]!.get as { parameters: { name: string; in: string; required: boolean }[]; security: unknown };
    expect(listOperation.parameters.filter((p) => p.in === "query").map((p) => p.name)).toEqual(["email", "phone", "externalId", "tag", "updatedSince", "cursor", "limit"]);
    expect(listOperation.parameters.every((p) => p.required === false)).toBe(true);
    expect(listOperation.security).toEqual([{ apiKey: ["contacts:read"] }]);
    expect((document.paths["/contacts/{externalId}"]!.delete as { security: unknown }).security).toEqual([{ apiKey: ["contacts:delete"] }]);
  });
});
