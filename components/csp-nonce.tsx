"use client";

import { setNonce } from "get-nonce";

/**
 * Hands the page's CSP nonce to the libraries that insert <style> elements while the page runs
 * (Radix dialogs and menus lock scrolling with one, through get-nonce): without it the policy
 * refuses them. The nonce is already in the page, on Next's own scripts.
 */
export function CspNonce({ nonce }: { nonce: string | null }) {
  if (nonce && typeof window !== "undefined") setNonce(nonce);
  return null;
}
