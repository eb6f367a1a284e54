// A chat message is at most 5,000 characters: 64 KB of JSON is plenty, and all a stranger may send.
// Read by the route and by npm start's front door, which reads the body before handing it on.
export const CHAT_BODY_BYTES = 64 * 1024;
