import { describe, expect, it } from "vitest";
import { actionMail } from "./action-mail";
import { sanitizeMailHtml } from "./sanitize-mail-html";

describe("sanitizeMailHtml", () => {
  it("keeps a mail's layout: paragraphs, emphasis, lists, tables, safe links and styles", () => {
    expect(sanitizeMailHtml('<p style="color:#111">Hello <strong>there</strong></p><ul><li>one</li></ul><table><tr><td colspan="2">x</td></tr></table>')).toBe(
      '<p style="color:#111">Hello <strong>there</strong></p><ul><li>one</li></ul><table><tr><td colspan="2">x</td></tr></table>',
    );
    expect(sanitizeMailHtml('<a href="https://parley.example/reset-password?token=a&amp;b=1">Reset</a>')).toBe(
      '<a href="https://parley.example/reset-password?token=a&amp;b=1" target="_blank" rel="noopener noreferrer">Reset</a>',
    );
  });

  it("drops scripts, styles, frames, forms and the head with everything inside them", () => {
    const html =
      "<html><head><title>T</title><style>p{color:red}</style><script>alert(1)</script></head><body>" +
      "<p>kept</p><script>alert(2)</script><iframe src=\"https://evil.example\">x</iframe><svg><script>alert(3)</script></svg>" +
      '<form action="https://evil.example"><input name="q"><button>Go</button></form><noscript>n</noscript><object data="x">o</object>' +
      "</body></html>";
    expect(sanitizeMailHtml(html)).toBe("<p>kept</p>");
  });

  it("drops event handlers, script URLs and styles that load or hide anything", () => {
    expect(sanitizeMailHtml('<p onclick="alert(1)" onmouseover="x()">a</p>')).toBe("<p>a</p>");
    expect(sanitizeMailHtml('<a href="javascript:alert(1)">a</a><a href="java&#09;script:alert(1)">b</a><a href="data:text/html,x">c</a>')).toBe("<a>a</a><a>b</a><a>c</a>");
    expect(sanitizeMailHtml('<p style="background:url(https://t.example/p.gif)">a</p><p style="width:expression(alert(1))">b</p><p style="background:\\75rl(x)">c</p>')).toBe("<p>a</p><p>b</p><p>c</p>");
    // Nothing may cover the page that shows the mail: no position, no z-index, no odd display.
    expect(sanitizeMailHtml('<div style="position:fixed;top:0;left:0;z-index:99;color:red;display:contents">x</div>')).toBe('<div style="color:red">x</div>');
    expect(sanitizeMailHtml('<p style="color: #111 ; font-size:15px; margin:0 0 16px">y</p>')).toBe('<p style="color:#111;font-size:15px;margin:0 0 16px">y</p>');
    expect(sanitizeMailHtml('<img src="http://t.example/p.gif"><img src="javascript:x"><img src="https://cdn.example/logo.png" alt="Logo" onerror="x()">')).toBe(
      '<img src="https://cdn.example/logo.png" alt="Logo">',
    );
  });

  it("shows images from Parley's own origin (an uploaded avatar on an http install), and from no other http origin", () => {
    const html = '<img src="http://localhost:3100/api/avatars/a.png"><img src="http://localhost:3101/x.png"><img src="http://t.example/p.gif">';
    expect(sanitizeMailHtml(html, { ownOrigin: "http://localhost:3100" })).toBe('<img src="http://localhost:3100/api/avatars/a.png">');
    expect(sanitizeMailHtml(html)).toBe("");
  });

  it("unwraps unknown elements, drops comments and re-escapes text and attributes", () => {
    expect(sanitizeMailHtml("<center><font color=red>hi</font></center><!-- <script>x</script> -->")).toBe("hi");
    expect(sanitizeMailHtml("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>")).toBe("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>");
    expect(sanitizeMailHtml('<p title="x" lang="en&quot; onload=&quot;x">t</p>')).toBe('<p lang="en&quot; onload=&quot;x">t</p>');
  });

  it("keeps what Parley's own mails say, names escaped where they were written", () => {
    const { html } = actionMail({
      heading: "Reset <b>your</b> password",
      paragraphs: ["Hi <script>alert(1)</script>"],
      action: { label: "Choose a new password", url: "https://parley.example/reset-password?token=abc" },
    });
    const safe = sanitizeMailHtml(html);
    expect(safe).toContain("Reset &lt;b&gt;your&lt;/b&gt; password</h1>");
    expect(safe).toContain("Hi &lt;script&gt;alert(1)&lt;/script&gt;");
    expect(safe).toMatch(/<a href="https:\/\/parley\.example\/reset-password\?token=abc" style="[^"]+" target="_blank" rel="noopener noreferrer">Choose a new password<\/a>/);
    expect(safe).not.toContain("<title>");
  });
});
