/**
 * Dates are shown in the viewer's time zone. The browser tells it in this cookie, so the server
 * renders a page's dates in the zone the browser will use too: both sides print the same text
 * and hydration never finds a mismatch. Until the cookie exists (a first visit), both use UTC.
 */
export const TIME_ZONE_COOKIE = "parley_tz";
export const FALLBACK_TIME_ZONE = "UTC";

const known = new Map<string, boolean>();

/** The IANA zone named by `value` ("Asia/Kolkata"), or null for anything Intl does not know. */
export function parseTimeZone(value: string | null | undefined): string | null {
  if (!value || value.length > 64) return null;
  let valid = known.get(value);
  if (valid === undefined) {
    try {
      new Intl.DateTimeFormat("en", { timeZone: value });
      valid = true;
    } catch {
      valid = false;
    }
    known.set(value, valid);
  }
  return valid ? value : null;
}
