import { escapeHtml } from "@/lib/rich-text/html-serializer";

export type ActionMailContent = {
  heading: string;
  /** Paragraphs of plain text (escaped here). */
  paragraphs: string[];
  /** The one thing the mail asks the reader to do: a button in HTML, the bare URL in text. */
  action?: { label: string; url: string };
  /** Small print under the action (why they got it, what to do if it wasn't them). */
  footer?: string;
};

/**
 * The HTML and plain-text bodies of one of Parley's own mails: a heading, a few paragraphs and
 * a button. Every text is escaped here, so names and addresses typed by people are never markup;
 * inline styles only, which is what mail clients keep.
 */
export function actionMail(content: ActionMailContent): { html: string; text: string } {
  const paragraph = (text: string) => `<p style="margin:0 0 16px;font-size:15px;line-height:1.5;color:#1f2937">${escapeHtml(text)}</p>`;
  const button = content.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(content.action.url)}" style="display:inline-block;padding:10px 18px;border-radius:6px;background:#4f46e5;color:#ffffff;font-weight:600;font-size:15px;text-decoration:none">${escapeHtml(content.action.label)}</a></p>` +
      `<p style="margin:0 0 16px;font-size:13px;line-height:1.5;color:#4b5563">Or open this link: <a href="${escapeHtml(content.action.url)}" style="color:#4338ca;word-break:break-all">${escapeHtml(content.action.url)}</a></p>`
    : "";
  const footer = content.footer ? `<p style="margin:24px 0 0;font-size:13px;line-height:1.5;color:#4b5563">${escapeHtml(content.footer)}</p>` : "";
  const html =
    `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(content.heading)}</title></head>` +
    `<body style="margin:0;padding:24px;background:#ffffff;font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif">` +
    `<div style="max-width:520px">` +
    `<h1 style="margin:0 0 16px;font-size:20px;color:#111827">${escapeHtml(content.heading)}</h1>` +
    content.paragraphs.map(paragraph).join("") +
    button +
    footer +
    `<p style="margin:24px 0 0;font-size:12px;color:#4b5563">Parley</p>` +
    `</div></body></html>`;
  const text = [
    content.heading,
    "",
    ...content.paragraphs.flatMap((p) => [p, ""]),
    ...(content.action ? [`${content.action.label}: ${content.action.url}`, ""] : []),
    ...(content.footer ? [content.footer, ""] : []),
    "Parley",
  ].join("\n");
  return { html, text };
}
