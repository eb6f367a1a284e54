import { createHash } from "node:crypto";

const SCALE = 10_000;

/**
 * Which path a contact takes at a Split (its index in the shares): a point in [0, 10000) from a
 * hash of the workflow and the contact (so the same contact takes the same path every time they
 * enter this workflow, and points spread evenly over contacts), placed on the shares laid end to
 * end. Server-only.
 */
export function splitPathIndex(workflowId: string, contactId: string, shares: readonly number[]): number {
  const point = createHash("sha256").update(`${workflowId}:${contactId}`).digest().readUInt32BE(0) % SCALE;
  let end = 0;
  for (let i = 0; i < shares.length; i++) {
    end += (shares[i]! * SCALE) / 100;
    if (point < end) return i;
  }
  // Shares that add up to less than 100 (refused at publish) leave the remainder on the last path.
  return shares.length - 1;
}
