"use client";

import { createContext, useContext, type ReactNode } from "react";
import type { ContactAttributeType } from "@/lib/contacts/attribute-types";
import type { Plan } from "@/lib/plans/plan";
import type { ChannelKind } from "@/lib/workflow/customer-destination";
import type { SummaryNames } from "@/lib/workflow/node-definition";

export type EditorMember = { id: string; name: string; email: string; avatarUrl: string | null };
/** A team; roundRobin: its automatic assignment is on (only then is "Team (round robin)" offered). */
export type EditorTeam = { id: string; name: string; roundRobin: boolean };
export type EditorChannel = { id: string; name: string; kind: ChannelKind; isDefault: boolean };

/** Workspace facts the editor shows and validates against; loaded once by the page. */
export type EditorWorkspace = {
  workspaceId: string;
  workflowId: string;
  plan: Plan;
  currentUserId: string;
  members: readonly EditorMember[];
  teams: readonly EditorTeam[];
  channels: readonly EditorChannel[];
  customAttributeKeys: readonly string[];
  /** Settings › Contact attributes: the typed ones, whose filters offer their type's operators. */
  attributeDefinitions: readonly EditorAttributeDefinition[];
  /** The workspace's contact tags, suggested in the filter. */
  tags: readonly string[];
};

export type EditorAttributeDefinition = { key: string; label: string; type: ContactAttributeType; options: readonly string[] };

export type EditorContextValue = EditorWorkspace & { names: SummaryNames };

const EditorContext = createContext<EditorContextValue | null>(null);

export function summaryNames(workspace: EditorWorkspace): SummaryNames {
  const users = new Map(workspace.members.map((member) => [member.id, member.name]));
  const teams = new Map(workspace.teams.map((team) => [team.id, team.name]));
  const channels = new Map(workspace.channels.map((channel) => [channel.id, channel.name]));
  return { user: (id) => users.get(id), team: (id) => teams.get(id), channel: (id) => channels.get(id) };
}

export function EditorContextProvider({ value, children }: { value: EditorContextValue; children: ReactNode }) {
  return <EditorContext.Provider value={value}>{children}</EditorContext.Provider>;
}

export function useEditorContext(): EditorContextValue {
  const value = useContext(EditorContext);
  if (!value) throw new Error("useEditorContext must be used inside EditorContextProvider");
  return value;
}
