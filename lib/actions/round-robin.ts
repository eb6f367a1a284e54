"use server";

import { revalidatePath } from "next/cache";
import { setAgentCap, setAvailability, setTeamRoundRobin } from "@/lib/round-robin/round-robin-settings";
import { agentCapSchema, setAvailabilitySchema, teamRoundRobinSchema } from "@/lib/round-robin/round-robin.validation";
import { workspaceAction } from "./safe-action";

// Availability is each agent's own (any member); a team's automatic assignment and agents' caps
// are owners' and admins'.
const refreshWorkspace = (workspaceId: string) => revalidatePath(`/${workspaceId}`, "layout");

export const setAvailabilityAction = workspaceAction({ schema: setAvailabilitySchema, revalidate: refreshWorkspace }, setAvailability);

export const setTeamRoundRobinAction = workspaceAction({ schema: teamRoundRobinSchema, minimumRole: "admin", revalidate: refreshWorkspace }, setTeamRoundRobin);

export const setAgentCapAction = workspaceAction({ schema: agentCapSchema, minimumRole: "admin", revalidate: refreshWorkspace }, setAgentCap);
