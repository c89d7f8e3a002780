/** Limits and timings of a sharing host; tests shorten the timings. */
export type ShareLimits = {
  maxViewers: number;
  /** A connection that has not said hello by then is closed. */
  helloTimeoutMs: number;
  /** How often each side pings the other. */
  heartbeatMs: number;
  /** A viewer heard nothing from for this long is dropped (half-open connections). */
  deadAfterMs: number;
  /** Above this many queued bytes a viewer gets no patches, only a fresh snapshot once it drains. */
  backlogLimitBytes: number;
  /** A viewer behind for this long is dropped. */
  dropLaggingAfterMs: number;
  /** Changes of the store gathered into one patch. */
  coalesceMs: number;
  /** Inbound messages per second per viewer (and the burst allowed above it). */
  inboundPerSecond: number;
  inboundBurst: number;
  /** Messages over the rate after which the viewer is dropped as a flood. */
  floodLimit: number;
};

/** Defaults: dead peers are gone within 25 s (heartbeat 5 s, nothing heard for 20 s). */
export const defaultShareLimits: ShareLimits = {
  maxViewers: 20,
  helloTimeoutMs: 5000,
  heartbeatMs: 5000,
  deadAfterMs: 20_000,
  backlogLimitBytes: 1024 * 1024,
  dropLaggingAfterMs: 20_000,
  coalesceMs: 100,
  inboundPerSecond: 10,
  inboundBurst: 30,
  floodLimit: 500,
};
