/** Fixed ids so links in docs and browser tests stay stable across fresh installs. */
export const ACME_WORKSPACE_ID = "0a0c0e00-0000-4000-8000-000000000001";
export const GLOBEX_WORKSPACE_ID = "0a0c0e00-0000-4000-8000-000000000002";
export const SUPPORT_TEAM_ID = "0a0c0e00-0000-4000-8000-0000000000a1";
export const SALES_TEAM_ID = "0a0c0e00-0000-4000-8000-0000000000a2";
export const ACME_CHAT_CHANNEL_ID = "0a0c0e00-0000-4000-8000-0000000000c1";
export const GLOBEX_CHAT_CHANNEL_ID = "0a0c0e00-0000-4000-8000-0000000000c2";

export const DEMO_PASSWORD = "parley-demo";

export const DEMO_USERS = [
  { id: "0a0c0e00-0000-4000-8000-0000000000e1", email: "alex@acme.test", name: "Alex Morgan", avatar: "/avatars/alex.svg" },
  { id: "0a0c0e00-0000-4000-8000-0000000000e2", email: "sam@acme.test", name: "Sam Rivera", avatar: "/avatars/sam.svg" },
  { id: "0a0c0e00-0000-4000-8000-0000000000e3", email: "jordan@acme.test", name: "Jordan Lee", avatar: "/avatars/jordan.svg" },
  { id: "0a0c0e00-0000-4000-8000-0000000000e4", email: "riley@acme.test", name: "Riley Chen", avatar: "/avatars/riley.svg" },
  { id: "0a0c0e00-0000-4000-8000-0000000000e5", email: "casey@globex.test", name: "Casey Park", avatar: "/avatars/casey.svg" },
] as const;
