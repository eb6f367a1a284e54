/** The header the chat page's script sends its session token in (client-safe constant). */
export const CHAT_SESSION_HEADER = "x-parley-chat-session";
