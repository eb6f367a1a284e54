import type { Role } from "@/lib/db/schema/workspaces";

// Who may do what to whom, in one place: the services enforce it (with the roles read inside
// their transaction) and the pages use it only to hide controls a person could not use.
//
// Owners manage everyone and every role. Admins manage agents only: they invite agents, remove
// agents and manage teams, but never promote anyone, nor touch an admin or an owner (an admin
// changing an agent's role could only make them an agent again, so admins change no roles).
// Agents manage no one.

export const ROLES: readonly Role[] = ["owner", "admin", "agent"];

/** The roles this person may give in an invitation. */
export function invitableRoles(actor: Role): Role[] {
  if (actor === "owner") return [...ROLES];
  if (actor === "admin") return ["agent"];
  return [];
}

export function canInviteAs(actor: Role, role: Role): boolean {
  return invitableRoles(actor).includes(role);
}

/** Remove this member, or handle their invitation (resend, copy its link, revoke). */
export function canManageMember(actor: Role, target: Role): boolean {
  if (actor === "owner") return true;
  return actor === "admin" && target === "agent";
}

/** Change a member's role from one to another. */
export function canChangeRole(actor: Role, from: Role, to: Role): boolean {
  if (from === to) return canManageMember(actor, from);
  return actor === "owner";
}

/** The roles this person may choose from for a member who has `target` now. */
export function rolesFor(actor: Role, target: Role): Role[] {
  return ROLES.filter((role) => canChangeRole(actor, target, role));
}
