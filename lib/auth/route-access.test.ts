import { describe, expect, it } from "vitest";
import { routeAccess } from "./route-access";

describe("routeAccess", () => {
  it.each([
    ["/sign-in", "public"],
    ["/sign-out", "public"],
    ["/chat/abc", "public"],
    ["/setup", "public"],
    ["/invite", "public"],
    ["/api/auth/session", "public"],
    ["/api/health", "public"],
    ["/api/v1/conversations", "public"],
    ["/api/chat/abc/messages", "public"],
    ["/api/sms/abc/inbound", "public"],
    ["/api/email/abc/inbound", "public"],
    ["/api/email/unsubscribe", "public"],
    ["/forgot-password", "public"],
    ["/reset-password", "public"],
    ["/confirm-email", "public"],
    ["/api/avatars/abc", "public"],
    ["/api/events", "api"],
    ["/api/healthcheck", "api"],
    ["/api/v10/x", "api"],
    ["/api", "api"],
    ["/", "page"],
    ["/chatty", "page"],
    ["/sign-inx", "page"],
    ["/invitex", "page"],
    ["/0b6c/inbox", "page"],
  ] as const)("%s is %s", (path, expected) => {
    expect(routeAccess(path)).toBe(expected);
  });
});
