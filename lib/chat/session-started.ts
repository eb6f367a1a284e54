import "server-only";

export type SessionStartedEvent = { workspaceId: string; channelId: string; contactId: string; sessionId: string };

/**
 * THE call site for the Session Started trigger. The engine's fireSessionStarted (lib/workflow)
 * is wired here once it exists; until then a new session is recorded and nothing else happens.
 */
export async function notifySessionStarted(event: SessionStartedEvent): Promise<void> {
  void event;
}
