import { describe, expect, it } from "vitest";
import { smsKeywordOf } from "./keywords";

describe("smsKeywordOf", () => {
  it("reads STOP and its synonyms, START and HELP as the whole message, in any case", () => {
    for (const word of ["STOP", "stop", " Stop ", "STOPALL", "unsubscribe", "Cancel", "END", "quit", "stop."]) expect(smsKeywordOf(word)).toBe("stop");
    for (const word of ["START", "yes", "Unstop"]) expect(smsKeywordOf(word)).toBe("start");
    for (const word of ["HELP", "info", "Help?"]) expect(smsKeywordOf(word)).toBe("help");
  });

  it("leaves any other text to the conversation", () => {
    for (const text of ["stop calling me", "Please stop", "yes please", "STOP STOP", "", "helpful", "ends"]) expect(smsKeywordOf(text)).toBeNull();
  });
});
