import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js";

/**
 * A phone number in E.164 (+14155550123), or null when it is not a valid number. Numbers
 * without a country code are read in `defaultCountry` when given; otherwise they are refused,
 * since guessing the country of a bare number sends texts to strangers.
 */
export function toE164(input: string, defaultCountry?: CountryCode): string | null {
  const parsed = parsePhoneNumberFromString(input.trim(), defaultCountry ? { defaultCountry } : undefined);
  return parsed?.isValid() ? parsed.number : null;
}
