/**
 * SMS length as a phone network counts it. A message that fits the GSM 03.38 alphabet is sent as
 * GSM-7 (160 characters in one segment, 153 per segment once split, with ^{}\[~]|€ costing two);
 * anything else (an emoji, most accents, CJK) makes the whole message UCS-2 (70, or 67 per
 * segment, counting UTF-16 code units, so an emoji costs two).
 */
const GSM_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM_EXTENDED = "^{}\\[~]|€\f";

const basic = new Set(GSM_BASIC);
const extended = new Set(GSM_EXTENDED);

export type SmsEncoding = "GSM-7" | "UCS-2";
export type SmsSegments = {
  segments: number;
  encoding: SmsEncoding;
  /** Characters (GSM-7 septets or UTF-16 units) left in the last segment before another starts. */
  remaining: number;
  /** Length in the encoding's units. */
  units: number;
};

function gsmUnits(text: string): number | null {
  let units = 0;
  for (const char of text) {
    if (basic.has(char)) units += 1;
    else if (extended.has(char)) units += 2;
    else return null;
  }
  return units;
}

export function smsSegments(text: string): SmsSegments {
  const gsm = gsmUnits(text);
  const encoding: SmsEncoding = gsm === null ? "UCS-2" : "GSM-7";
  const units = gsm ?? text.length;
  const single = encoding === "GSM-7" ? 160 : 70;
  const multi = encoding === "GSM-7" ? 153 : 67;
  if (units === 0) return { segments: 0, encoding, remaining: single, units };
  if (units <= single) return { segments: 1, encoding, remaining: single - units, units };
  const segments = Math.ceil(units / multi);
  return { segments, encoding, remaining: segments * multi - units, units };
}
