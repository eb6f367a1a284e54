import { seededRandom } from "./seeded-random";

const FIRST = ["Ada", "Grace", "Linus", "Margaret", "Alan", "Katherine", "Tim", "Barbara", "Dennis", "Frances", "Ken", "Radia", "Guido", "Hedy", "John", "Edsger", "Joan", "Bjarne", "Anita", "Donald", "Mary", "Vint", "Sophie", "Yukihiro", "Shafi", "James", "Lynn", "Niklaus", "Annie", "Leslie"];
const LAST = ["Lovelace", "Hopper", "Torvalds", "Hamilton", "Turing", "Johnson", "Berners-Lee", "Liskov", "Ritchie", "Allen", "Thompson", "Perlman", "van Rossum", "Lamarr", "McCarthy", "Dijkstra", "Clarke", "Stroustrup", "Borg", "Knuth", "Jackson", "Cerf", "Wilson", "Matsumoto", "Goldwasser", "Gosling", "Conway", "Wirth", "Easley", "Lamport"];
const COMPANIES = ["Initech", "Hooli", "Vandelay Industries", "Stark Labs", "Wayne Enterprises", "Pied Piper", "Soylent", "Umbrella", "Cyberdyne", "Tyrell"];
const PLANS = ["free", "starter", "pro", "enterprise"] as const;
const CITIES = ["Lisbon", "Berlin", "Austin", "Toronto", "Melbourne", "Nairobi", "Osaka", "Dublin"];
const TAGS = ["trial", "customer", "vip", "churn-risk", "newsletter", "beta"];

export type DemoContact = {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  company: string;
  attributes: Record<string, string | number | boolean>;
  tags: string[];
  lastConversationOpenedAt: Date | null;
};

const DAY = 24 * 60 * 60 * 1000;

/**
 * Contacts with varied histories: about a third talked to support within 30 days, a third longer
 * ago, and a third never, so the re-engagement audience ("no conversation in 30 days") is real.
 */
export function demoContacts(count: number, domain: string, seed: number, now = new Date()): DemoContact[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const firstName = FIRST[i % FIRST.length] as string;
    const lastName = LAST[(i * 7 + Math.floor(i / FIRST.length)) % LAST.length] as string;
    const bucket = i % 3;
    const daysAgo = bucket === 0 ? random.int(0, 29) : bucket === 1 ? random.int(31, 240) : null;
    const tags = TAGS.filter(() => random.next() < 0.25);
    return {
      firstName,
      lastName,
      email: `${firstName}.${lastName}.${i + 1}@${domain}`.toLowerCase().replace(/[^a-z0-9.@-]/g, ""),
      // 555-01xx numbers are reserved for fiction; E.164 form.
      phone: `+1202555${String(100 + (i % 900)).padStart(4, "0")}`,
      company: random.pick(COMPANIES),
      attributes: { plan: random.pick(PLANS), city: random.pick(CITIES), seats: random.int(1, 250) },
      tags,
      lastConversationOpenedAt: daysAgo === null ? null : new Date(now.getTime() - daysAgo * DAY - random.int(0, DAY)),
    };
  });
}
