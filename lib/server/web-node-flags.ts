/**
 * Node flags of a web process (`npm start`, which passes them in package.json, and the processes
 * the load bench and the scale-out tests start like it).
 *
 * `--max-semi-space-size=64` (MB): V8's young generation may grow to 64 MB a half instead of 16
 * (Node 20's default). Under load every request allocates short-lived objects (a Request, its
 * headers and streams, rows, JSON); with the small default the scavenger ran so often that objects
 * still in use were promoted and collected again in the old generation. Measured with the load
 * bench at 100 messages a second (README › Load): the web process's GC samples fell from 1.8 s to
 * 1.3 s and its CPU from 13.2 s to 12.2 s; its peak resident memory was 568 MB against 557 MB.
 * The worker keeps Node's default: it has a memory target of its own (README › Performance).
 */
export const WEB_NODE_FLAGS = ["--max-semi-space-size=64"] as const;
