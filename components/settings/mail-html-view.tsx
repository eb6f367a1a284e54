import { sanitizeMailHtml } from "@/lib/mail/sanitize-mail-html";
import { appLink } from "@/lib/urls/app-link";

/**
 * A mail's HTML, shown safely: sanitised on the server (no script, handler, frame, form, style
 * element or positioned box; see sanitizeMailHtml) and never the mail's raw HTML. The box
 * contains its own layout and painting, so nothing in the mail can reach outside it.
 */
export function MailHtmlView({ html, label }: { html: string; label: string }) {
  return (
    <div
      role="document"
      aria-label={label}
      className="overflow-auto rounded-md border bg-white p-4 text-sm text-[#111827] [contain:content]"
      dangerouslySetInnerHTML={{ __html: sanitizeMailHtml(html, { ownOrigin: new URL(appLink("/")).origin }) }}
    />
  );
}
