import { describe, expect, it } from "vitest";

import {
  formatVariable,
  isValidVariableName,
  parseTemplate,
  parseVariableToken,
} from "./variable-syntax";

describe("parseVariableToken", () => {
  it("parses a bare variable", () => {
    expect(parseVariableToken("{{first_name}}")).toEqual({ name: "first_name", fallback: null });
  });

  it("tolerates whitespace inside the braces and around the fallback", () => {
    expect(parseVariableToken("{{  first_name   |   fallback :   \"there\"  }}")).toEqual({
      name: "first_name",
      fallback: "there",
    });
    expect(parseVariableToken('{{first_name|fallback:"there"}}')).toEqual({
      name: "first_name",
      fallback: "there",
    });
  });

  it("accepts single and double quotes, with escaped quotes inside", () => {
    expect(parseVariableToken("{{ first_name | fallback: 'my friend' }}")?.fallback).toBe("my friend");
    expect(parseVariableToken('{{ company | fallback: "the \\"best\\" team" }}')?.fallback).toBe(
      'the "best" team',
    );
    expect(parseVariableToken("{{ company | fallback: 'O\\'Brien & Co' }}")?.fallback).toBe(
      "O'Brien & Co",
    );
  });

  it("keeps braces that sit inside a quoted fallback", () => {
    expect(parseVariableToken('{{ first_name | fallback: "a}}b" }}')).toEqual({
      name: "first_name",
      fallback: "a}}b",
    });
  });

  it("accepts dotted built-ins and plain custom keys", () => {
    expect(parseVariableToken("{{session.id}}")?.name).toBe("session.id");
    expect(parseVariableToken("{{ sender.name }}")?.name).toBe("sender.name");
    expect(parseVariableToken("{{plan}}")?.name).toBe("plan");
  });

  it("treats an empty fallback as no fallback, so it cannot leave a hole", () => {
    expect(parseVariableToken('{{first_name | fallback: ""}}')).toEqual({ name: "first_name", fallback: null });
    expect(parseVariableToken("{{first_name | fallback: '   '}}")?.fallback).toBeNull();
  });

  it("rejects malformed tokens", () => {
    for (const token of [
      "{{}}",
      "{{ }}",
      "{{first name}}",
      "{{1st}}",
      "{{first_name",
      "{{first_name}",
      "{{first_name | fallback: there}}",
      '{{first_name | fallback: "unterminated}}',
      '{{first_name | default: "x"}}',
      "{{first_name}} trailing",
      "{{.id}}",
      "{{session.}}",
    ]) {
      expect(parseVariableToken(token), token).toBeNull();
    }
  });

  it("rejects over-long names and fallbacks", () => {
    expect(parseVariableToken(`{{${"a".repeat(65)}}}`)).toBeNull();
    expect(parseVariableToken(`{{a | fallback: "${"x".repeat(201)}"}}`)).toBeNull();
    expect(parseVariableToken(`{{a | fallback: "${"x".repeat(200)}"}}`)).not.toBeNull();
  });
});

describe("parseTemplate", () => {
  it("splits text and variables, keeping positions", () => {
    const { segments, problems } = parseTemplate('Hi {{first_name | fallback: "there"}}, from {{ sender.name }}!');
    expect(problems).toEqual([]);
    expect(segments).toEqual([
      { type: "text", text: "Hi " },
      { type: "variable", name: "first_name", fallback: "there", raw: '{{first_name | fallback: "there"}}', index: 3 },
      { type: "text", text: ", from " },
      { type: "variable", name: "sender.name", fallback: null, raw: "{{ sender.name }}", index: 44 },
      { type: "text", text: "!" },
    ]);
  });

  it("returns plain text unchanged", () => {
    expect(parseTemplate("no variables here")).toEqual({
      segments: [{ type: "text", text: "no variables here" }],
      problems: [],
    });
  });

  it("reports an empty placeholder and keeps it as text", () => {
    const { segments, problems } = parseTemplate("Hello {{ }} there");
    expect(segments).toEqual([{ type: "text", text: "Hello {{ }} there" }]);
    expect(problems).toEqual([{ kind: "empty", raw: "{{ }}", index: 6 }]);
  });

  it("reports an invalid placeholder and keeps scanning after it", () => {
    const { segments, problems } = parseTemplate("{{first name}} and {{email}}");
    expect(problems).toEqual([{ kind: "invalid", raw: "{{first name}}", index: 0 }]);
    expect(segments).toEqual([
      { type: "text", text: "{{first name}} and " },
      { type: "variable", name: "email", fallback: null, raw: "{{email}}", index: 19 },
    ]);
  });

  it("reports an unclosed placeholder and keeps the rest as text", () => {
    const { segments, problems } = parseTemplate("Hi {{first_name");
    expect(segments).toEqual([{ type: "text", text: "Hi {{first_name" }]);
    expect(problems).toEqual([{ kind: "unclosed", raw: "{{first_name", index: 3 }]);
  });

  it("recovers a valid variable that follows stray braces", () => {
    expect(parseTemplate("{{{first_name}}}").segments).toEqual([
      { type: "text", text: "{" },
      { type: "variable", name: "first_name", fallback: null, raw: "{{first_name}}", index: 1 },
      { type: "text", text: "}" },
    ]);
    const stray = parseTemplate("{{ oops {{email}}");
    expect(stray.problems).toEqual([{ kind: "unclosed", raw: "{{ oops ", index: 0 }]);
    expect(stray.segments.at(-1)).toMatchObject({ type: "variable", name: "email" });
  });
});

describe("formatVariable", () => {
  it("round-trips through parseVariableToken", () => {
    for (const reference of [
      { name: "first_name", fallback: null },
      { name: "company", fallback: 'say "hi" \\ bye' },
      { name: "session.id", fallback: "it's" },
    ]) {
      expect(parseVariableToken(formatVariable(reference))).toEqual(reference);
    }
    expect(formatVariable({ name: "first_name", fallback: "there" })).toBe('{{first_name | fallback: "there"}}');
  });
});

describe("isValidVariableName and the input-rule pattern", () => {
  it("validates names", () => {
    expect(isValidVariableName("first_name")).toBe(true);
    expect(isValidVariableName("signup-source")).toBe(true);
    expect(isValidVariableName("has space")).toBe(false);
    expect(isValidVariableName("")).toBe(false);
    expect(isValidVariableName(42)).toBe(false);
  });
});
