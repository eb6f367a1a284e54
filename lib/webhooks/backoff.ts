/** Delay before the next attempt after `attempts` failed ones: 10 s doubling to an hour, jittered. */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(3_600_000, 10_000 * 2 ** Math.max(0, attempts - 1));
  // Half fixed, half random: receivers coming back from an outage are not hit by every
  // integration's retries in the same second.
  return Math.round(base / 2 + (random() * base) / 2);
}

/** Twelve attempts span about four hours, enough to ride out a receiver's deploy or outage. */
export const MAX_DELIVERY_ATTEMPTS = 12;
