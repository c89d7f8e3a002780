// The seam between the share protocol and what carries it. The host speaks to each viewer
// through a ViewerLink and learns of new viewers from a ShareTransport; today that is a ws
// server on the bastion (ws-transport.ts), later it can be a relay that forwards the same
// frames to viewers outside the bastion's network. Frames are protocol messages already
// encoded as JSON text, so a transport never needs to understand them.

/** One frame from a peer: text (a protocol message, maybe garbage) or binary (never valid). */
export type IncomingFrame = {kind: 'text'; text: string} | {kind: 'binary'; bytes: number};

/** One viewer's connection, as the host sees it. */
export type ViewerLink = {
  /** Where the viewer connects from, safe to show (`192.0.2.7:51234`, or a relay's name). */
  readonly address: string;
  /** Bytes handed to this link and not yet on the wire: what the host keeps bounded. */
  backlogBytes: () => number;
  /** Sends a full state (a welcome or a resync snapshot). */
  sendSnapshot: (frame: string) => void;
  /** Sends a patch; the host calls this only while {@link backlogBytes} is under its limit. */
  sendPatch: (frame: string) => void;
  /** Sends a small control message (ping, pong, bye). */
  sendControl: (frame: string) => void;
  /** Registers the handler of every frame the viewer sends. */
  receive: (handler: (frame: IncomingFrame) => void) => void;
  /** Registers what to do once the link is gone, whoever closed it. */
  onClose: (handler: () => void) => void;
  /** Closes after sending what is queued; `terminate` drops at once (dead or hostile peers). */
  close: (code: number, reason: string) => void;
  terminate: () => void;
};

/** Accepts viewers for a host. */
export type ShareTransport = {
  /** Starts accepting; `onViewer` is called for every new connection, before any hello. */
  start: (onViewer: (link: ViewerLink) => void) => Promise<void>;
  /** What a viewer passes to `cockpit join`. */
  url: () => string;
  /** Connections refused before reaching the protocol (too many at once). */
  refusedConnections: () => number;
  stop: () => Promise<void>;
};

/** The host, as a viewer sees it. */
export type HostLink = {
  send: (frame: string) => void;
  receive: (handler: (frame: IncomingFrame) => void) => void;
  /** Registers what to do once the link is gone: the close code and reason, if any. */
  onClose: (handler: (code: number, reason: string) => void) => void;
  close: (code: number, reason: string) => void;
};

/** Opens a link to a host; rejects with a one-line reason when it cannot be reached. */
export type HostConnector = (url: string) => Promise<HostLink>;
