/**
 * GET /chat/embed.js — the snippet a site pastes to put its chat in a corner:
 *   <script src="https://parley.example/chat/embed.js" data-parley-channel="<channel id>" async></script>
 * optionally with data-user-id and data-user-hash (identity verification). It adds a button that
 * opens /chat/<channel id> in an iframe. `Parley("shutdown")` (for a site whose customer signs out)
 * removes the chat and ends this browser's chat session, so the next person starts afresh.
 * Served under /chat so it is public like the chat itself.
 */
const SCRIPT = `(function () {
  var script = document.currentScript;
  if (!script || window.__parleyChatLoaded) return;
  var channel = script.getAttribute("data-parley-channel") || "";
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(channel)) return;
  window.__parleyChatLoaded = true;
  var origin = new URL(script.src).origin;
  var src = origin + "/chat/" + channel;
  var userId = script.getAttribute("data-user-id");
  var userHash = script.getAttribute("data-user-hash");
  if (userId && userHash) src += "?user_id=" + encodeURIComponent(userId) + "&user_hash=" + encodeURIComponent(userHash);

  var frame = null;
  var button = document.createElement("button");
  button.type = "button";
  button.textContent = "Chat with us";
  button.setAttribute("aria-expanded", "false");
  button.style.cssText = "position:fixed;right:20px;bottom:20px;z-index:2147483646;padding:12px 18px;border:0;border-radius:999px;background:#4f46e5;color:#fff;font:600 14px/1 system-ui,sans-serif;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.2)";
  button.addEventListener("click", function () {
    if (!frame) {
      frame = document.createElement("iframe");
      frame.src = src;
      frame.title = "Chat";
      frame.style.cssText = "position:fixed;right:20px;bottom:76px;z-index:2147483647;width:min(380px,calc(100vw - 40px));height:min(600px,calc(100vh - 100px));border:0;border-radius:12px;background:#fff;box-shadow:0 8px 30px rgba(0,0,0,.25)";
      document.body.appendChild(frame);
    } else {
      frame.hidden = !frame.hidden;
    }
    var open = !frame.hidden;
    button.setAttribute("aria-expanded", String(open));
    button.textContent = open ? "Close chat" : "Chat with us";
  });
  (document.body || document.documentElement).appendChild(button);

  window.Parley = function (command) {
    if (command !== "shutdown") return;
    if (frame) frame.remove();
    button.remove();
    frame = null;
    window.__parleyChatLoaded = false;
    var end = document.createElement("iframe");
    end.hidden = true;
    end.title = "Ending chat";
    end.src = origin + "/chat/" + channel + "/end";
    end.addEventListener("load", function () { end.remove(); });
    (document.body || document.documentElement).appendChild(end);
  };
})();
`;

export function GET() {
  return new Response(SCRIPT, {
    headers: {
      "Content-Type": "application/javascript; charset=utf-8",
      "Cache-Control": "public, max-age=3600",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
