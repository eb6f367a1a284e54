import { Badge } from "@/components/ui/badge";
import type { OpenApiDocument } from "@/lib/api/openapi/document";
import { SimpleMarkdown } from "./simple-markdown";

type Schema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  description?: string;
  format?: string;
};

type Operation = {
  operationId: string;
  summary: string;
  description: string;
  parameters: { name: string; in: string; required: boolean; description: string }[];
  requestBody?: { content: { "application/json": { schema: Schema; example: unknown } } };
  responses: Record<string, { description?: string; $ref?: string }>;
};

function resolve(document: OpenApiDocument, schema: Schema): Schema {
  if (!schema.$ref) return schema;
  const id = schema.$ref.replace("#/components/schemas/", "");
  return (document.components.schemas as Record<string, Schema>)[id] ?? schema;
}

function refName(schema: Schema): string | null {
  return schema.$ref ? schema.$ref.replace("#/components/schemas/", "") : null;
}

/** A short human type: "string (uuid)", "one of: unassigned | user | …", "ContactRef". */
function typeLabel(document: OpenApiDocument, schema: Schema): string {
  const name = refName(schema);
  if (name) return name;
  if (schema.enum) return schema.enum.map((value) => JSON.stringify(value)).join(" | ");
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) {
    return `one of: ${variants
      .map((variant) => {
        const resolved = resolve(document, variant);
        const typeField = resolved.properties?.type;
        return typeField?.const !== undefined ? `{type: ${JSON.stringify(typeField.const)}…}` : typeLabel(document, variant);
      })
      .join(" | ")}`;
  }
  if (schema.type === "array" && schema.items) return `array of ${typeLabel(document, schema.items)}`;
  const base = Array.isArray(schema.type) ? schema.type.join(" | ") : (schema.type ?? "any");
  return schema.format ? `${base} (${schema.format})` : base;
}

function FieldsTable({ document, schema, caption }: { document: OpenApiDocument; schema: Schema; caption: string }) {
  const resolved = resolve(document, schema);
  const properties = Object.entries(resolved.properties ?? {});
  if (properties.length === 0) return null;
  return (
    <div className="overflow-x-auto rounded-lg border">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b bg-subtle text-xs text-muted-foreground">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">Field</th>
            <th scope="col" className="px-3 py-2 font-medium">Type</th>
            <th scope="col" className="px-3 py-2 font-medium">Description</th>
          </tr>
        </thead>
        <tbody className="divide-y align-top">
          {properties.map(([name, property]) => (
            <tr key={name}>
              <td className="px-3 py-2 whitespace-nowrap">
                <code className="font-mono text-xs">{name}</code>
                {resolved.required?.includes(name) ? <span className="ml-1 text-xs text-destructive-soft-foreground">required</span> : null}
              </td>
              <td className="px-3 py-2 font-mono text-xs text-muted-foreground">{typeLabel(document, property)}</td>
              <td className="px-3 py-2 text-muted-foreground">
                {property.description ?? resolve(document, property).description ?? ""}
                {property.default !== undefined ? <span className="block text-xs">Default: <code>{JSON.stringify(property.default)}</code></span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function curlExample(serverUrl: string, method: string, path: string, example: unknown): string {
  const lines = [`curl -X ${method.toUpperCase()} ${serverUrl}${path.replace(/\{(\w+)\}/g, "<$1>")} \\`, `  -H "Authorization: Bearer $PARLEY_API_KEY" \\`];
  if (example !== undefined) {
    lines.push(`  -H "Content-Type: application/json" \\`, `  -H "Idempotency-Key: $(uuidgen)" \\`, `  -d '${JSON.stringify(example, null, 2).replace(/'/g, "'\\''")}'`);
  } else lines[lines.length - 1] = lines[lines.length - 1]!.replace(/ \\$/, "");
  return lines.join("\n");
}

/** The OpenAPI document rendered for people: every endpoint with its fields, errors and an example. */
export function ApiReference({ document }: { document: OpenApiDocument }) {
  const serverUrl = document.servers[0]?.url ?? "/api/v1";
  const entries = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods as Record<string, Operation>).map(([method, operation]) => ({ path, method, operation })),
  );
  const errorResponses = document.components.responses as Record<string, { description: string }>;

  return (
    <div className="grid gap-8">
      <section aria-labelledby="api-overview" className="grid gap-2">
        <h2 id="api-overview" className="text-lg font-semibold">Overview</h2>
        <p className="text-sm text-muted-foreground">
          Base URL <code className="rounded bg-muted px-1 font-mono">{serverUrl}</code> · machine-readable document at{" "}
          <a href="/api/v1/openapi.json" className="text-primary underline underline-offset-4">/api/v1/openapi.json</a> (OpenAPI {document.openapi}).
        </p>
        <SimpleMarkdown source={document.info.description} />
      </section>

      <nav aria-label="Endpoints" className="rounded-lg border p-4">
        <h2 className="mb-2 text-sm font-semibold">Endpoints</h2>
        <ul className="grid gap-1 text-sm">
          {entries.map(({ path, method, operation }) => (
            <li key={operation.operationId}>
              <a href={`#${operation.operationId}`} className="hover:underline">
                <span className="inline-block w-12 font-mono text-xs font-semibold uppercase">{method}</span>
                <code className="font-mono text-xs">{path}</code> — {operation.summary}
              </a>
            </li>
          ))}
        </ul>
      </nav>

      {entries.map(({ path, method, operation }) => {
        const body = operation.requestBody?.content["application/json"];
        const scope = operation.description.match(/Scope: `([^`]+)`/)?.[1];
        return (
          <section key={operation.operationId} id={operation.operationId} aria-labelledby={`${operation.operationId}-title`} className="grid gap-3 border-t pt-6">
            <h2 id={`${operation.operationId}-title`} className="flex flex-wrap items-center gap-2 text-base font-semibold">
              <Badge variant="primary" className="font-mono uppercase">{method}</Badge>
              <code className="font-mono">{path}</code>
              <span className="font-normal text-muted-foreground">{operation.summary}</span>
            </h2>
            <p className="text-sm text-muted-foreground">{operation.description.replace(/\n\nScope: `[^`]+`\./, "")}</p>
            {scope ? <p className="text-sm">Scope: <code className="font-mono text-xs">{scope}</code></p> : null}
            {operation.parameters.length > 0 ? (
              <div className="grid gap-1">
                <h3 className="text-sm font-semibold">Parameters</h3>
                <ul className="grid gap-1 text-sm text-muted-foreground">
                  {operation.parameters.map((parameter) => (
                    <li key={parameter.name}>
                      <code className="font-mono text-xs text-foreground">{parameter.name}</code> ({parameter.in}{parameter.required ? ", required" : ""}) — {parameter.description}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            {body ? (
              <div className="grid gap-2">
                <h3 className="text-sm font-semibold">Request body</h3>
                <FieldsTable document={document} schema={body.schema} caption={`${operation.summary}: request fields`} />
              </div>
            ) : null}
            <div className="grid gap-1">
              <h3 className="text-sm font-semibold">Example</h3>
              <pre className="overflow-x-auto rounded-lg bg-muted p-3 font-mono text-xs">{curlExample(serverUrl, method, path, body?.example)}</pre>
            </div>
            <div className="grid gap-1">
              <h3 className="text-sm font-semibold">Responses</h3>
              <ul className="grid gap-1 text-sm text-muted-foreground">
                {Object.entries(operation.responses).map(([status, response]) => (
                  <li key={status}>
                    <code className="font-mono text-xs text-foreground">{status}</code> — {response.description ?? errorResponses[`Error${status}`]?.description}
                  </li>
                ))}
              </ul>
            </div>
          </section>
        );
      })}

      <section aria-labelledby="api-schemas" className="grid gap-4 border-t pt-6">
        <h2 id="api-schemas" className="text-lg font-semibold">Objects</h2>
        {["ContactRef", "Conversation", "Message", "Contact", "Error"].map((name) => {
          const schema = (document.components.schemas as Record<string, Schema>)[name];
          if (!schema) return null;
          return (
            <div key={name} id={`schema-${name}`} className="grid gap-2">
              <h3 className="font-mono text-sm font-semibold">{name}</h3>
              {schema.description ? <p className="text-sm text-muted-foreground">{schema.description}</p> : null}
              {schema.anyOf ? <p className="text-sm text-muted-foreground">{typeLabel(document, schema)}</p> : null}
              <FieldsTable document={document} schema={schema} caption={`${name} fields`} />
            </div>
          );
        })}
      </section>
    </div>
  );
}
