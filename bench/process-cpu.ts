import { readdir, readFile } from "node:fs/promises";

const TICKS_PER_SECOND = 100;

type Stat = { ppid: number; own: number; reaped: number };

async function statOf(pid: number): Promise<Stat | null> {
  try {
    const raw = await readFile(`/proc/${pid}/stat`, "utf8");
    // Fields after the parenthesised command name: state ppid ... utime(14) stime(15) cutime(16) cstime(17).
    const fields = raw.slice(raw.lastIndexOf(")") + 2).split(" ");
    const at = (n: number) => Number(fields[n - 3]);
    return { ppid: at(4), own: (at(14) + at(15)) / TICKS_PER_SECOND, reaped: (at(16) + at(17)) / TICKS_PER_SECOND };
  } catch {
    return null;
  }
}

/**
 * CPU seconds used so far by each process tree rooted at `roots` (every live descendant's own
 * time, plus what each has reaped from children that already exited: a PostgreSQL backend counts
 * into its postmaster once it ends). Unlike wall time, this barely moves when other programs
 * compete for the machine. Linux only; 0 elsewhere. The bench fan-out's `cpuSeconds` reads the
 * same /proc fields for its one process and its PostgreSQL.
 */
export async function treeCpuSeconds(roots: readonly number[]): Promise<number[]> {
  let pids: number[];
  try {
    pids = (await readdir("/proc")).filter((name) => /^\d+$/.test(name)).map(Number);
  } catch {
    return roots.map(() => 0);
  }
  const stats = new Map<number, Stat>();
  for (const pid of pids) {
    const stat = await statOf(pid);
    if (stat) stats.set(pid, stat);
  }
  const children = new Map<number, number[]>();
  for (const [pid, stat] of stats) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), pid]);
  const total = (pid: number): number => {
    const stat = stats.get(pid);
    if (!stat) return 0;
    return stat.own + stat.reaped + (children.get(pid) ?? []).reduce((sum, child) => sum + total(child), 0);
  };
  return roots.map(total);
}
