import { z } from "zod";
import { apiRichTextDocumentSchema, contactRefSchema, errorSchema } from "@/lib/api/schemas/common";
import { contactResourceSchema } from "@/lib/api/schemas/contacts";
import { conversationResourceSchema, messageResourceSchema } from "@/lib/api/schemas/conversations";
import { API_SCOPE_DESCRIPTIONS, API_SCOPES } from "@/lib/api/scopes";
import { API_DESCRIPTION } from "./description";
import { ERROR_CODES, ERROR_CODE_LIST } from "@/lib/errors";
import { API_OPERATIONS, type ApiOperation } from "./operations";

type JsonSchema = Record<string, unknown>;

// zod sees a rich-text document as a refined `unknown`; readers need its shape.
const RICH_TEXT_JSON_SCHEMA: JsonSchema = {
  type: "object",
  description: apiRichTextDocumentSchema.meta()?.description,
  required: ["type", "content"],
  properties: {
    type: { const: "doc" },
    content: { type: "array", minItems: 1, items: { type: "object", description: "paragraph, bulletList or orderedList node" } },
  },
  examples: [
    {
      type: "doc",
      content: [{ type: "paragraph", content: [{ type: "text", text: "Hi " }, { type: "variable", attrs: { name: "first_name", fallback: "there" } }, { type: "text", text: "!" }] }],
    },
  ],
};

function schemaId(schema: z.ZodType): string | undefined {
  const meta = schema.meta() as { id?: string } | undefined;
  return meta?.id;
}

/** One components.schemas map for a set of schemas, with $refs between them. */
function componentSchemas(schemas: z.ZodType[], io: "input" | "output"): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const schema of schemas) {
    const id = schemaId(schema);
    if (id && !registry.has(schema)) registry.add(schema, { id });
  }
  const { schemas: generated } = z.toJSONSchema(registry, {
    target: "draft-2020-12",
    io,
    unrepresentable: "any",
    uri: (id) => `#/components/schemas/${id}`,
    override: (ctx) => {
      if (ctx.zodSchema === apiRichTextDocumentSchema) {
        for (const key of Object.keys(ctx.jsonSchema)) delete (ctx.jsonSchema as JsonSchema)[key];
        Object.assign(ctx.jsonSchema, RICH_TEXT_JSON_SCHEMA);
      }
    },
  });
  return Object.fromEntries(
    Object.entries(generated).map(([id, schema]) => {
      const { $schema: _schema, $id: _id, ...rest } = schema as JsonSchema;
      return [id, rest];
    }),
  );
}

function inlineSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _schema, ...rest } = z.toJSONSchema(schema, { target: "draft-2020-12", io: "input", unrepresentable: "any" }) as JsonSchema;
  return rest;
}

const ref = (schema: z.ZodType): JsonSchema => ({ $ref: `#/components/schemas/${schemaId(schema)}` });

/** Each property of an operation's query schema as an `in: query` parameter, described from the schema. */
function queryParameters(operation: ApiOperation): JsonSchema[] {
  if (!operation.query) return [];
  const { properties = {}, required = [] } = inlineSchema(operation.query) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(properties).map(([name, schema]) => {
    const { description, ...rest } = schema;
    return { name, in: "query", required: required.includes(name) && !("default" in rest), description, schema: rest };
  });
}

/** One status's response description: every code of that status in lib/errors.ts, described. */
function errorResponseDescription(status: number): string {
  const codes = ERROR_CODE_LIST.filter((code) => ERROR_CODES[code].status === status);
  return codes.map((code) => `\`${code}\`: ${ERROR_CODES[code].description}`).join("\n\n") || "Error.";
}

function operationObject(operation: ApiOperation) {
  const writes = operation.method !== "get";
  return {
    operationId: operation.operationId,
    summary: operation.summary,
    description: `${operation.description}\n\nScope: \`${operation.scope}\`.`,
    security: [{ apiKey: [operation.scope] }],
    parameters: [
      ...operation.pathParams.map((param) => ({ name: param.name, in: "path", required: true, description: param.description, schema: inlineSchema(param.schema) })),
      ...queryParameters(operation),
      ...(writes
        ? [{ name: "Idempotency-Key", in: "header", required: false, description: "Makes a retry safe; see Idempotency.", schema: { type: "string", minLength: 1, maxLength: 255 } }]
        : []),
    ],
    ...(operation.request
      ? { requestBody: { required: true, content: { "application/json": { schema: ref(operation.request.schema), example: operation.request.example } } } }
      : {}),
    responses: {
      ...Object.fromEntries(
        operation.responses.map((response) => [
          String(response.status),
          {
            description: response.description,
            content: { "application/json": { schema: ref(response.schema), ...(response.example ? { example: response.example } : {}) } },
          },
        ]),
      ),
      ...Object.fromEntries([...operation.errors, ERROR_CODES.internal_error.status].map((status) => [String(status), { $ref: `#/components/responses/Error${status}` }])),
    },
  };
}

/** The OpenAPI 3.1 document for /api/v1, generated from the routes' own zod schemas. */
export function buildOpenApiDocument(serverUrl: string) {
  const requests = API_OPERATIONS.flatMap((operation) => (operation.request ? [operation.request.schema] : []));
  const responses = API_OPERATIONS.flatMap((operation) => operation.responses.map((response) => response.schema));
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of API_OPERATIONS) (paths[operation.path] ??= {})[operation.method] = operationObject(operation);
  // Every status any code can have: an endpoint may answer any of them (500 included).
  const statuses = [...new Set(ERROR_CODE_LIST.map((code) => ERROR_CODES[code].status))].sort();

  return {
    openapi: "3.1.0",
    info: { title: "Parley API", version: "1.0.0", description: API_DESCRIPTION },
    servers: [{ url: serverUrl }],
    security: [{ apiKey: [] }],
    paths,
    components: {
      securitySchemes: {
        apiKey: {
          type: "http",
          scheme: "bearer",
          description: `A workspace API key. Scopes: ${API_SCOPES.map((scope) => `\`${scope}\` (${API_SCOPE_DESCRIPTIONS[scope]})`).join(", ")}.`,
        },
      },
      schemas: {
        ...componentSchemas([...requests, contactRefSchema, apiRichTextDocumentSchema], "input"),
        ...componentSchemas([...responses, conversationResourceSchema, messageResourceSchema, contactResourceSchema, errorSchema], "output"),
      },
      responses: Object.fromEntries(
        statuses.map((status) => [
          `Error${status}`,
          { description: errorResponseDescription(status), content: { "application/json": { schema: ref(errorSchema) } } },
        ]),
      ),
    },
  };
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;
