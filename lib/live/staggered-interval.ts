/**
 * `setInterval`, its first run after a random part of the interval. Streams opened together (a
 * crowd arriving, or every reader reconnecting to a restarted web process) would otherwise run
 * their periodic work in the same second: 600 open streams re-checking their access at once
 * every 30 s were a burst of 600 queries that held up everything queued behind it. Each run still
 * comes at most `ms` after the previous one, and the first at most `ms` after the start.
 * Returns the stop.
 */
export function staggeredInterval(run: () => void, ms: number, random: () => number = Math.random): () => void {
  let timer: NodeJS.Timeout = setTimeout(() => {
    timer = setInterval(run, ms);
    run();
  }, random() * ms);
  // A timeout's handle and an interval's are cleared alike.
  return () => clearTimeout(timer);
}
