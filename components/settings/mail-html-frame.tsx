import { sanitizeMailHtml } from "@/lib/mail/sanitize-mail-html";

/**
 * A mail's HTML, shown safely: sanitised on the server (no script, handler, frame, form or
 * style element), then in a sandboxed frame with no script and an opaque origin, so even what
 * the sanitiser let through cannot touch Parley's page. Links open in a new tab.
 */
export function MailHtmlFrame({ html, title }: { html: string; title: string }) {
  const document =
    '<!doctype html><html lang="en"><head><meta charset="utf-8"></head>' +
    '<body style="margin:0;padding:16px;font-family:system-ui,-apple-system,\'Segoe UI\',Roboto,sans-serif;color:#111827;background:#ffffff;overflow-wrap:anywhere">' +
    sanitizeMailHtml(html) +
    "</body></html>";
  return (
    <iframe
      title={title}
      srcDoc={document}
      sandbox="allow-popups allow-popups-to-escape-sandbox"
      referrerPolicy="no-referrer"
      className="h-[28rem] w-full rounded-md border bg-white"
    />
  );
}
