import {CockpitError} from '../errors';
import {type BackoffPolicy, backoffDelay} from '../sources/backoff';
import type {CockpitStore} from '../store/cockpit-store';
import {
  type ByeMessage,
  encodeMessage,
  finalByeReasons,
  type HostInfo,
  type HostMessage,
  incompatibleVersionText,
  parseHostMessage,
  shareProtocolVersion,
} from './protocol';
import {
  applySharedPatch,
  type SharedState,
  type SharedStatePatch,
  storeStateOf,
} from './shared-state';
import type {HostConnector, HostLink} from './transport';
import {connectWsHost} from './ws-transport';

/** What a viewer needs to follow a host. */
export type ShareClientOptions = {
  url: string;
  token: string;
  name: string;
  store: CockpitStore;
  connect?: HostConnector;
  backoff?: BackoffPolicy;
  heartbeatMs?: number;
  /** With nothing from the host for this long, the link is taken for dead and re-opened. */
  silentAfterMs?: number;
  /** Called when the host refuses this viewer for good (bad token, other version) after start. */
  onFatal?: (message: string) => void;
  /** Called after each state change is in the store: the benchmark measures latency here. */
  onApplied?: (message: {seq: number; sentAt: number}) => void;
  now?: () => number;
};

/**
 * A viewer's side of sharing: says hello, keeps its own store equal to the host's shared state
 * (snapshot, then patches), answers heartbeats, and reconnects with capped backoff whenever
 * the link drops, starting again from a fresh snapshot.
 */
export class ShareClient {
  private readonly connect: HostConnector;
  private readonly backoff: BackoffPolicy;
  private readonly heartbeatMs: number;
  private readonly silentAfterMs: number;
  private readonly now: () => number;
  private link: HostLink | undefined;
  private shared: SharedState | undefined;
  private seq = -1;
  private attempt = 0;
  private lastMessageAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** What the host said about itself in its last welcome. */
  info: HostInfo | undefined;
  /** Messages and bytes received. */
  readonly received = {messages: 0, bytes: 0, snapshots: 0};

  constructor(private readonly options: ShareClientOptions) {
    this.connect = options.connect ?? connectWsHost;
    this.backoff = options.backoff ?? {initialMs: 500, maxMs: 10_000};
    this.heartbeatMs = options.heartbeatMs ?? 5000;
    this.silentAfterMs = options.silentAfterMs ?? 15_000;
    this.now = options.now ?? Date.now;
  }

  /** Connects and waits for the first welcome; rejects with a one-line reason. */
  async start(): Promise<HostInfo> {
    const link = await this.connect(this.options.url).catch((error: Error) => {
      throw new CockpitError(`cannot reach ${this.options.url}: ${error.message}`, {
        hint: 'check the URL printed by cockpit --share, or the ssh -L tunnel',
      });
    });
    const info = await this.session(link);
    this.timer = setInterval(() => this.watch(), 1000);
    this.timer.unref?.();
    return info;
  }

  /** Says bye and closes; no reconnect after this. */
  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
    clearTimeout(this.reconnectTimer);
    this.link?.send(encodeMessage({type: 'bye', reason: 'left', message: 'viewer quit'}));
    this.link?.close(1000, 'bye');
  }

  /** Sends a timeline note to the host (it records it only under `--share-notes`). */
  sendNote(text: string): boolean {
    if (!this.link || !this.info?.notes) return false;
    this.link.send(encodeMessage({type: 'note', text}));
    return true;
  }

  /** One connection: resolves on its welcome, rejects if the host refuses or hangs up first. */
  private session(link: HostLink): Promise<HostInfo> {
    this.link = link;
    return new Promise<HostInfo>((resolve, reject) => {
      let welcomed = false;
      let bye: ByeMessage | undefined;
      link.receive((frame) => {
        if (frame.kind !== 'text') return;
        this.received.messages += 1;
        this.received.bytes += Buffer.byteLength(frame.text);
        this.lastMessageAt = this.now();
        const parsed = parseHostMessage(frame.text);
        if (!parsed.ok) return;
        const message = parsed.message;
        if (message.type === 'bye') {
          bye = message;
          return;
        }
        if (message.type === 'welcome' && message.protocol !== shareProtocolVersion) {
          bye = {
            type: 'bye',
            reason: 'incompatible',
            message: incompatibleVersionText(message.protocol, shareProtocolVersion),
          };
          link.close(4002, 'incompatible');
          return;
        }
        if (!this.take(message, link)) return;
        if (message.type === 'welcome' && !welcomed) {
          welcomed = true;
          this.attempt = 0;
          this.info = message.info;
          resolve(message.info);
        }
      });
      link.onClose((code, reason) => {
        if (this.link === link) this.link = undefined;
        const why = bye?.message ?? (reason || `connection closed (${code})`);
        const final = bye !== undefined && finalByeReasons.has(bye.reason);
        if (!welcomed) {
          const refusal = `the host refused this viewer: ${why}`;
          reject(new CockpitError(refusal));
          if (this.attempt === 0 || this.stopped) return;
          if (final) this.options.onFatal?.(refusal);
          else this.scheduleReconnect();
          return;
        }
        if (this.stopped) return;
        if (final) return this.options.onFatal?.(`the host refused this viewer: ${why}`);
        this.scheduleReconnect();
      });
      link.send(
        encodeMessage({
          type: 'hello',
          protocol: shareProtocolVersion,
          token: this.options.token,
          name: this.options.name,
        }),
      );
    });
  }

  /** Applies a host message; false when it was not a state message. */
  private take(message: HostMessage, link: HostLink): boolean {
    const store = this.options.store;
    switch (message.type) {
      case 'ping':
        link.send(encodeMessage({type: 'pong', at: message.at}));
        return false;
      case 'pong':
        return false;
      case 'welcome':
      case 'snapshot': {
        this.shared = message.state as SharedState;
        this.seq = message.seq;
        this.received.snapshots += 1;
        store.setState(storeStateOf(this.shared, store.getState()));
        if (message.type === 'welcome') this.markLive(message.info);
        this.options.onApplied?.(message);
        return true;
      }
      case 'patch': {
        if (!this.shared || message.seq !== this.seq + 1) {
          // A gap means something was lost: start again from a snapshot.
          link.close(4000, 'resync');
          return false;
        }
        const changes = message.changes as SharedStatePatch;
        this.shared = applySharedPatch(this.shared, changes);
        this.seq = message.seq;
        store.setState(storeStateOf(this.shared, store.getState(), changes));
        this.options.onApplied?.(message);
        return true;
      }
      default:
        return false;
    }
  }

  private markLive(info: HostInfo): void {
    this.options.store.getState().updateShare({
      viewer: {
        host: info.host,
        url: this.options.url,
        notes: info.notes,
        redacted: info.redacted,
        feed: {kind: 'live', lastMessageAt: this.lastMessageAt},
      },
    });
  }

  private watch(): void {
    const now = this.now();
    const viewer = this.options.store.getState().share.viewer;
    if (viewer?.feed.kind === 'live' && viewer.feed.lastMessageAt !== this.lastMessageAt)
      this.options.store.getState().updateShare({
        viewer: {...viewer, feed: {kind: 'live', lastMessageAt: this.lastMessageAt}},
      });
    if (!this.link) return;
    if (now - this.lastMessageAt > this.silentAfterMs) {
      // Half-open: the host is gone without a word. Reconnect rather than show stale data.
      this.link.close(4006, 'silent');
      return;
    }
    if (now - this.lastMessageAt >= this.heartbeatMs)
      this.link.send(encodeMessage({type: 'ping', at: now}));
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    this.attempt += 1;
    const viewer = this.options.store.getState().share.viewer;
    if (viewer)
      this.options.store.getState().updateShare({
        viewer: {
          ...viewer,
          feed: {kind: 'reconnecting', attempt: this.attempt, lastMessageAt: this.lastMessageAt},
        },
      });
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(
      () => {
        if (this.stopped) return;
        this.connect(this.options.url).then(
          (link) => this.session(link).catch(() => undefined),
          () => this.scheduleReconnect(),
        );
      },
      backoffDelay(this.backoff, this.attempt),
    );
  }
}
