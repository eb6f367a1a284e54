import { describe, expect, it } from "vitest";

import { richTextDocumentSchema, textToDocument, type RichTextDocument } from "./document-schema";
import { documentToPlainText, fillVariables, previewMessage, renderMessage, renderStoredHtml } from "./render";
import type { RenderContext } from "./render-context";

const context: RenderContext = {
  contact: {
    firstName: "Ada",
    lastName: "Lovelace",
    email: "ada@example.com",
    phone: "+15551234567",
    company: "Analytical Engines",
    attributes: { plan: "Pro", seats: 12, trial: false, nested: { a: 1 }, blank: "  " },
  },
  session: { id: "sess_123" },
  sender: { name: "Grace" },
};

const noNameContact: RenderContext = { contact: { firstName: "", attributes: {} } };

function parse(value: unknown): RichTextDocument {
  return richTextDocumentSchema.parse(value);
}

function expectOk(result: ReturnType<typeof renderMessage>) {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result)}`);
  return result;
}

describe("renderMessage", () => {
  it("substitutes built-ins and custom attributes into json, html and text", () => {
    const result = expectOk(
      renderMessage(
        textToDocument("Hi {{first_name}} {{last_name}} from {{company}}!\n\nPlan: {{plan}}, seats: {{seats}}, trial: {{trial}}. {{sender.name}} / {{session.id}} / {{email}} / {{phone}}"),
        context,
      ),
    );
    expect(result.text).toBe(
      "Hi Ada Lovelace from Analytical Engines!\n\nPlan: Pro, seats: 12, trial: false. Grace / sess_123 / ada@example.com / +15551234567",
    );
    expect(result.html).toBe(
      "<p>Hi Ada Lovelace from Analytical Engines!</p><p>Plan: Pro, seats: 12, trial: false. Grace / sess_123 / ada@example.com / +15551234567</p>",
    );
    // The stored body has no variables left and adjacent text is merged into one node.
    expect(result.json).toEqual({
      type: "doc",
      content: [
        { type: "paragraph", content: [{ type: "text", text: "Hi Ada Lovelace from Analytical Engines!" }] },
        {
          type: "paragraph",
          content: [{ type: "text", text: "Plan: Pro, seats: 12, trial: false. Grace / sess_123 / ada@example.com / +15551234567" }],
        },
      ],
    });
    expect(richTextDocumentSchema.safeParse(result.json).success).toBe(true);
  });

  it("uses the fallback when the value is missing or empty", () => {
    const doc = textToDocument('Hi {{first_name | fallback: "there"}}, your plan is {{plan | fallback: "free"}}.');
    expect(expectOk(renderMessage(doc, noNameContact)).text).toBe("Hi there, your plan is free.");
    expect(expectOk(renderMessage(doc, context)).text).toBe("Hi Ada, your plan is Pro.");
  });

  it("refuses to render when a variable has no value and no fallback", () => {
    const doc = textToDocument("Hi {{first_name}} {{last_name}}, {{first_name}} {{session.id}} {{sender.name}} {{unknown_attr}}");
    expect(renderMessage(doc, noNameContact)).toEqual({
      ok: false,
      missing: ["first_name", "last_name", "session.id", "sender.name", "unknown_attr"],
      invalid: [],
    });
  });

  it("counts empty, blank and non-scalar values as missing", () => {
    const result = renderMessage(textToDocument("{{blank}} {{nested}}"), context);
    expect(result).toEqual({ ok: false, missing: ["blank", "nested"], invalid: [] });
  });

  it("never reads inherited properties of the attributes object", () => {
    const result = renderMessage(textToDocument("{{constructor}} {{toString}} {{__proto__}}"), context);
    expect(result).toEqual({ ok: false, missing: ["constructor", "toString", "__proto__"], invalid: [] });
  });

  it("resolves typed-out placeholders left in text nodes", () => {
    const doc = parse({
      type: "doc",
      content: [{ type: "paragraph", content: [{ type: "text", text: "Hi {{first_name}}", marks: [{ type: "bold" }] }] }],
    });
    const result = expectOk(renderMessage(doc, context));
    expect(result.html).toBe("<p><strong>Hi Ada</strong></p>");
    expect(result.json.content[0]).toEqual({
      type: "paragraph",
      content: [{ type: "text", text: "Hi Ada", marks: [{ type: "bold" }] }],
    });
  });

  it("refuses malformed placeholders instead of sending them raw", () => {
    expect(renderMessage(textToDocument("Hi {{ }} and {{first name}}"), context)).toEqual({
      ok: false,
      missing: [],
      invalid: ["{{ }}", "{{first name}}"],
    });
    // An unclosed "{{" is ordinary text, not a placeholder.
    expect(expectOk(renderMessage(textToDocument("a {{ b"), context)).text).toBe("a {{ b");
  });

  it("escapes malicious contact values", () => {
    const hostile: RenderContext = {
      contact: {
        firstName: "<script>alert(1)</script>",
        company: '"><img src=x onerror=alert(1)>',
        attributes: { plan: "{{email}}" },
      },
    };
    const result = expectOk(renderMessage(textToDocument("Hi {{first_name}} from {{company}} on {{plan}}"), hostile));
    expect(result.html).toBe(
      "<p>Hi &lt;script&gt;alert(1)&lt;/script&gt; from &quot;&gt;&lt;img src=x onerror=alert(1)&gt; on {{email}}</p>",
    );
    expect(result.html).not.toContain("<script");
    expect(result.html).not.toContain("<img");
    // Values are data, not templates: a contact cannot inject another variable.
    expect(result.text).toBe('Hi <script>alert(1)</script> from "><img src=x onerror=alert(1)> on {{email}}');
  });

  it("escapes fallbacks too", () => {
    const doc = textToDocument('{{first_name | fallback: "<b>friend</b>"}}');
    expect(expectOk(renderMessage(doc, noNameContact)).html).toBe("<p>&lt;b&gt;friend&lt;/b&gt;</p>");
  });

  it("keeps marks on substituted variables", () => {
    const doc = parse({
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: "Dear " },
            { type: "variable", attrs: { name: "first_name", fallback: null }, marks: [{ type: "bold" }] },
            { type: "text", text: "!", marks: [{ type: "bold" }] },
          ],
        },
      ],
    });
    const result = expectOk(renderMessage(doc, context));
    expect(result.html).toBe("<p>Dear <strong>Ada!</strong></p>");
  });

  it("renders links safely and lists as text", () => {
    const doc = parse({
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: "See " },
            { type: "text", text: "our pricing", marks: [{ type: "link", attrs: { href: "https://example.com/?a=1&b=\"2\"" } }, { type: "italic" }] },
            { type: "text", text: " or " },
            { type: "text", text: "mail us", marks: [{ type: "link", attrs: { href: "mailto:help@example.com" } }] },
            { type: "text", text: " " },
            { type: "text", text: "https://example.com", marks: [{ type: "link", attrs: { href: "https://example.com" } }] },
          ],
        },
        {
          type: "bulletList",
          content: [
            { type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "one" }] }] },
            {
              type: "listItem",
              content: [
                { type: "paragraph", content: [{ type: "text", text: "two" }] },
                {
                  type: "orderedList",
                  attrs: { start: 3, type: null },
                  content: [
                    { type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "three" }] }] },
                    { type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "four" }, { type: "hardBreak" }, { type: "text", text: "more" }] }] },
                  ],
                },
              ],
            },
          ],
        },
        { type: "paragraph", content: [{ type: "text", text: "Bye" }] },
      ],
    });
    const result = expectOk(renderMessage(doc, context));
    expect(result.html).toBe(
      '<p>See <a target="_blank" rel="noopener noreferrer nofollow" href="https://example.com/?a=1&amp;b=&quot;2&quot;"><em>our pricing</em></a> or ' +
        '<a target="_blank" rel="noopener noreferrer nofollow" href="mailto:help@example.com">mail us</a> ' +
        '<a target="_blank" rel="noopener noreferrer nofollow" href="https://example.com">https://example.com</a></p>' +
        '<ul><li><p>one</p></li><li><p>two</p><ol start="3"><li><p>three</p></li><li><p>four<br>more</p></li></ol></li></ul><p>Bye</p>',
    );
    expect(result.text).toBe(
      'See our pricing (https://example.com/?a=1&b="2") or mail us (help@example.com) https://example.com\n\n' +
        "- one\n- two\n  3. three\n  4. four\n     more\n\nBye",
    );
  });
});

describe("unvalidated documents", () => {
  // Rendering must stay safe even if a caller skipped the schema (e.g. a bad row in the database).
  const hostile = {
    type: "doc",
    content: [
      {
        type: "paragraph",
        content: [
          { type: "text", text: "click", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }] },
          { type: "text", text: "<img src=x onerror=alert(1)>" },
        ],
      },
      { type: "orderedList", attrs: { start: '1"><script>alert(1)</script>' }, content: [] },
      { type: "rawHtml", html: "<script>alert(1)</script>" },
    ],
  } as unknown as RichTextDocument;

  it("drops javascript: links but keeps their text, and escapes everything else", () => {
    const html = renderStoredHtml(hostile);
    expect(html).toBe("<p>click&lt;img src=x onerror=alert(1)&gt;</p><ol></ol>");
    const result = expectOk(renderMessage(hostile, context));
    expect(result.html).not.toMatch(/javascript:|<script|<img/);
  });
});

describe("renderStoredHtml", () => {
  it("renders leftover variables as their escaped fallback, or drops them", () => {
    const doc = textToDocument('Hi {{first_name | fallback: "<there>"}}{{last_name}}!');
    expect(renderStoredHtml(doc)).toBe("<p>Hi &lt;there&gt;!</p>");
  });
});

describe("documentToPlainText", () => {
  it("keeps variables in template syntax so it round-trips with textToDocument", () => {
    const text = 'Hi {{first_name | fallback: "there"}},\nwelcome.\n\nFrom {{sender.name}}';
    expect(documentToPlainText(textToDocument(text))).toBe(text);
  });
});

describe("previewMessage", () => {
  it("marks missing variables visibly and lists them", () => {
    const doc = textToDocument('Hi {{first_name}} from {{company | fallback: "us"}} {{<x>}}');
    expect(previewMessage(doc, noNameContact)).toEqual({
      html: "<p>Hi <mark data-missing>first_name</mark> from us {{&lt;x&gt;}}</p>",
      missing: ["first_name"],
      invalid: ["{{<x>}}"],
    });
  });

  it("shows resolved values escaped", () => {
    const hostile: RenderContext = { contact: { firstName: "<b>Ada</b>" } };
    expect(previewMessage(textToDocument("Hi {{first_name}}"), hostile)).toEqual({
      html: "<p>Hi &lt;b&gt;Ada&lt;/b&gt;</p>",
      missing: [],
      invalid: [],
    });
  });
});

describe("typed attributes in variables", () => {
  it("render readably by their definitions: a date, a number, a yes/no; untyped ones as stored", () => {
    const typed: RenderContext = {
      contact: { attributes: { renewal: "2026-03-05", seats: 1200, active: true, plan: "Pro", code: "2026-03-05" } },
      attributeTypes: { renewal: { type: "date" }, seats: { type: "number" }, active: { type: "boolean" } },
    };
    const result = expectOk(renderMessage(textToDocument("{{renewal}} · {{seats}} · {{active}} · {{plan}} · {{code}}"), typed));
    expect(result.text).toBe("March 5, 2026 · 1,200 · Yes · Pro · 2026-03-05");
  });
});

describe("fillVariables (a saved reply inserted for one contact)", () => {
  it("fills what it can and leaves a variable with no value and no fallback in place, as a gap", () => {
    const doc = textToDocument('Hi {{first_name}}, your {{plan}} plan at {{company | fallback: "your company"}} renews {{renewal_date}}.');
    const filled = fillVariables(doc, { contact: { firstName: "Ada", attributes: { plan: "Pro" } } });
    expect(filled.gaps).toEqual(["renewal_date"]);
    expect(filled.doc).toEqual({
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: "Hi Ada, your Pro plan at your company renews " },
            { type: "variable", attrs: { name: "renewal_date", fallback: null } },
            { type: "text", text: "." },
          ],
        },
      ],
    });
    // Sent as it is, the gap is refused by the one renderer, never sent raw.
    expect(renderMessage(filled.doc, { contact: { firstName: "Ada" } })).toEqual({ ok: false, missing: ["renewal_date"], invalid: [] });
  });

  it("leaves no gap when every variable resolves", () => {
    const filled = fillVariables(textToDocument("Thanks {{first_name}}!"), context);
    expect(filled.gaps).toEqual([]);
    expect(expectOk(renderMessage(filled.doc, context)).text).toBe("Thanks Ada!");
  });
});
