const COUNT_PREFIX = /^\(\d+\+?\) /;

/** The tab title with the unread count in front ("(3) Inbox · Parley"), or without it at 0. */
export function unreadTitle(title: string, count: number): string {
  const bare = title.replace(COUNT_PREFIX, "");
  if (count <= 0) return bare;
  return `(${count > 99 ? "99+" : count}) ${bare}`;
}
