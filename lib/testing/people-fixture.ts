import { randomUUID } from "node:crypto";
import { getDb } from "@/lib/db/client";
import { memberships, teamMembers, teams, users, workspaces, type Role } from "@/lib/db/schema/workspaces";

export type Person = { id: string; email: string; name: string };

/** A user with a unique address (tests share one database per file). */
export async function createPerson(name: string): Promise<Person> {
  const email = `${name.toLowerCase().replace(/\W+/g, "-")}-${randomUUID().slice(0, 8)}@example.com`;
  const [user] = await getDb().insert(users).values({ email, name }).returning({ id: users.id });
  return { id: user!.id, email, name };
}

export async function addMember(workspaceId: string, person: Person, role: Role): Promise<void> {
  await getDb().insert(memberships).values({ workspaceId, userId: person.id, role });
}

/** A workspace with an owner, an admin and an agent (the agent in team Support), for the people rules. */
export async function createPeopleFixture(name = "Northwind") {
  const [workspace] = await getDb().insert(workspaces).values({ name }).returning({ id: workspaces.id });
  const workspaceId = workspace!.id;
  const owner = await createPerson("Olive Owner");
  const admin = await createPerson("Adam Admin");
  const agent = await createPerson("Agnes Agent");
  await addMember(workspaceId, owner, "owner");
  await addMember(workspaceId, admin, "admin");
  await addMember(workspaceId, agent, "agent");
  const [support] = await getDb().insert(teams).values({ workspaceId, name: "Support" }).returning({ id: teams.id });
  await getDb().insert(teamMembers).values({ teamId: support!.id, userId: agent.id });
  return { workspaceId, name, owner, admin, agent, supportTeamId: support!.id };
}
