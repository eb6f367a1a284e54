/**
 * One JSON log line as a person reads it in a terminal (PARLEY_LOG_PRETTY, on by default in
 * development): time, level, component, message, the request id, other fields, then the stack.
 */
export function prettyLine(json: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const { time, level, msg, component, requestId, err, pid: _pid, hostname: _hostname, ...rest } = entry;
  const clock = typeof time === "string" ? time.slice(11, 19) : "";
  const parts = [clock, String(level ?? "").toUpperCase().padEnd(5), component ? `[${String(component)}]` : "", String(msg ?? "")];
  if (requestId) parts.push(`(request ${String(requestId)})`);
  if (Object.keys(rest).length > 0) parts.push(JSON.stringify(rest));
  const stack = (err as { stack?: unknown } | undefined)?.stack;
  const message = (err as { message?: unknown } | undefined)?.message;
  const tail = typeof stack === "string" ? `\n${stack}` : message ? `: ${String(message)}` : "";
  return `${parts.filter(Boolean).join(" ")}${tail}\n`;
}
