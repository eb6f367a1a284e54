/**
 * `next/cache` for the test suites (vitest.config.ts aliases it here): outside a Next request
 * there is no rendered page to revalidate, and Next's own revalidatePath throws.
 */
export function revalidatePath(): void {}
