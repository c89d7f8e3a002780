import {randomUUID} from 'node:crypto';
import type {CockpitStore} from '../store/cockpit-store';
import {sanitizeTerminalText} from '../text/sanitize-terminal-text';
import type {TimelineEventInput} from '../timeline/timeline-sink';
import {InboundRate} from './inbound-rate';
import {
  type ByeReason,
  closeCodes,
  encodeMessage,
  type HostInfo,
  type HostMessage,
  incompatibleVersionText,
  parseViewerMessage,
  shareProtocolVersion,
  type ViewerMessage,
} from './protocol';
import {defaultShareLimits, type ShareLimits} from './share-limits';
import {tokensMatch} from './share-token';
import {type ShareCleaning, SharedStateTracker} from './shared-state';
import type {ShareTransport, ViewerLink} from './transport';

/** What a sharing host needs. */
export type ShareHostOptions = {
  store: CockpitStore;
  transport: ShareTransport;
  token: string;
  cleaning: ShareCleaning;
  info: Omit<HostInfo, 'notes' | 'redacted'>;
  /** `--share-notes`: viewers may add timeline notes. */
  notes: boolean;
  /** The timeline; joins, leaves and viewers' notes are recorded through it. */
  record: (event: TimelineEventInput) => Promise<void>;
  /** The join command as printed (the token replaced when it came from a file). */
  joinCommand: (url: string) => string;
  limits?: Partial<ShareLimits>;
  now?: () => number;
};

type Viewer = {
  id: string;
  link: ViewerLink;
  name: string | undefined;
  joinedAt: number;
  lastHeardAt: number;
  /** Skipped patches since this time: the next thing it gets is a snapshot. */
  behindSince: number | undefined;
  rate: InboundRate;
  closed: boolean;
};

/**
 * The host side of sharing: lets viewers in by token, sends each a snapshot of the cleaned
 * shareable state and then one coalesced patch per refresh, keeps every viewer's queue
 * bounded, drops dead and hostile peers, and never waits for any of them.
 */
export class ShareHost {
  private readonly limits: ShareLimits;
  private readonly now: () => number;
  private readonly viewers = new Set<Viewer>();
  private tracker: SharedStateTracker;
  private seq = 0;
  private refused = 0;
  private snapshotCache: {seq: number; json: string} | undefined;
  private flushTimer: NodeJS.Timeout | undefined;
  private lastFlushAt = 0;
  private heartbeat: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  private stopped = false;
  /** Bytes handed to links, by kind: for the benchmark and the tests. */
  readonly sent = {patches: 0, patchBytes: 0, snapshots: 0, snapshotBytes: 0};

  constructor(private readonly options: ShareHostOptions) {
    this.limits = {...defaultShareLimits, ...options.limits};
    this.now = options.now ?? Date.now;
    this.tracker = new SharedStateTracker(options.store.getState(), options.cleaning);
  }

  /** Starts the transport and the feed; resolves with the URL viewers join. */
  async start(): Promise<string> {
    await this.options.transport.start((link) => this.accept(link));
    this.unsubscribe = this.options.store.subscribe(() => this.scheduleFlush());
    this.heartbeat = setInterval(() => this.maintain(), Math.min(1000, this.limits.heartbeatMs));
    this.heartbeat.unref?.();
    const url = this.options.transport.url();
    this.publish(url);
    return url;
  }

  /** Says goodbye to every viewer and stops listening. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.unsubscribe?.();
    clearTimeout(this.flushTimer);
    clearInterval(this.heartbeat);
    const links = [...this.viewers].map((viewer) => viewer.link);
    for (const viewer of this.viewers) this.dismiss(viewer, 'shutdown', 'the host stopped sharing');
    // A viewer that stopped reading never completes the closing handshake: cut it after a moment.
    await new Promise((resolve) => setTimeout(resolve, links.length > 0 ? 300 : 0));
    for (const link of links) link.terminate();
    await this.options.transport.stop();
  }

  /** Viewers attached now (after hello). */
  attachedCount(): number {
    return [...this.viewers].filter((viewer) => viewer.name !== undefined).length;
  }

  /** The longest queue of any one viewer, in bytes: what the bound is about. */
  largestBacklogBytes(): number {
    let largest = 0;
    for (const viewer of this.viewers) largest = Math.max(largest, viewer.link.backlogBytes());
    return largest;
  }

  /** Queued bytes of every open link together. */
  backlogBytes(): number {
    let total = 0;
    for (const viewer of this.viewers) total += viewer.link.backlogBytes();
    return total;
  }

  private accept(link: ViewerLink): void {
    if (this.stopped) {
      link.terminate();
      return;
    }
    const now = this.now();
    const viewer: Viewer = {
      id: randomUUID().slice(0, 8),
      link,
      name: undefined,
      joinedAt: now,
      lastHeardAt: now,
      behindSince: undefined,
      rate: new InboundRate(this.limits.inboundPerSecond, this.limits.inboundBurst, now),
      closed: false,
    };
    this.viewers.add(viewer);
    link.receive((frame) => {
      if (viewer.closed) return;
      if (!this.withinRate(viewer)) return;
      viewer.lastHeardAt = this.now();
      if (frame.kind === 'binary') return this.refuse();
      const parsed = parseViewerMessage(frame.text);
      if (!parsed.ok) return this.refuse();
      this.handle(viewer, parsed.message);
    });
    link.onClose(() => this.forget(viewer));
  }

  private withinRate(viewer: Viewer): boolean {
    if (viewer.rate.take(this.now())) return true;
    if (viewer.rate.over === 1) this.refuse();
    if (viewer.rate.over >= this.limits.floodLimit) {
      this.dismiss(viewer, 'flooding', 'too many messages');
      viewer.link.terminate();
    }
    return false;
  }

  private handle(viewer: Viewer, message: ViewerMessage): void {
    if (viewer.name === undefined) {
      if (message.type === 'hello') this.hello(viewer, message);
      else this.refuse();
      return;
    }
    switch (message.type) {
      case 'ping':
        viewer.link.sendControl(encodeMessage({type: 'pong', at: message.at}));
        return;
      case 'pong':
        return;
      case 'bye':
        viewer.link.close(closeCodes.left, 'bye');
        return;
      case 'note':
        this.note(viewer, message.text);
        return;
      default:
        // A second hello, or anything else a view has no business asking.
        this.refuse();
    }
  }

  private hello(viewer: Viewer, hello: Extract<ViewerMessage, {type: 'hello'}>): void {
    if (hello.protocol !== shareProtocolVersion) {
      this.refuse();
      this.options.store.getState().updateUi({
        message: `share: refused a viewer from ${viewer.link.address}: ${incompatibleVersionText(shareProtocolVersion, hello.protocol)}`,
      });
      this.dismiss(
        viewer,
        'incompatible',
        incompatibleVersionText(shareProtocolVersion, hello.protocol),
      );
      return;
    }
    if (!tokensMatch(hello.token, this.options.token)) {
      this.refuse();
      this.dismiss(viewer, 'unauthorized', 'wrong or missing share token');
      return;
    }
    if (this.attachedCount() >= this.limits.maxViewers) {
      this.refuse();
      this.dismiss(viewer, 'full', `the host allows ${this.limits.maxViewers} viewers`);
      return;
    }
    viewer.name = sanitizeTerminalText(hello.name, {maxLength: 40}).trim() || 'viewer';
    viewer.joinedAt = this.now();
    const json = this.snapshotJson();
    const frame = `{"type":"welcome","protocol":${shareProtocolVersion},"viewerId":${JSON.stringify(viewer.id)},"info":${JSON.stringify(this.hostInfo())},"seq":${this.seq},"sentAt":${this.now()},"state":${json}}`;
    this.countSnapshot(frame);
    viewer.link.sendSnapshot(frame);
    this.publish();
    void this.options.record({
      kind: 'viewer.joined',
      text: `viewer joined: ${viewer.name} from ${viewer.link.address}`,
      data: {name: viewer.name, address: viewer.link.address},
    });
  }

  private note(viewer: Viewer, text: string): void {
    if (!this.options.notes) {
      this.refuse();
      return;
    }
    const clean = sanitizeTerminalText(text, {maxLength: 2000}).trim();
    if (!clean) return;
    void this.options.record({
      kind: 'note',
      text: clean,
      actor: `viewer ${viewer.name}`,
      data: {viewer: viewer.name, address: viewer.link.address},
    });
  }

  private hostInfo(): HostInfo {
    return {
      ...this.options.info,
      notes: this.options.notes,
      redacted: this.options.cleaning.maskCustomerData,
    };
  }

  private snapshotJson(): string {
    if (this.snapshotCache?.seq !== this.seq)
      this.snapshotCache = {seq: this.seq, json: JSON.stringify(this.tracker.snapshot())};
    return this.snapshotCache.json;
  }

  private countSnapshot(frame: string): void {
    this.sent.snapshots += 1;
    this.sent.snapshotBytes += Buffer.byteLength(frame);
  }

  private scheduleFlush(): void {
    if (this.flushTimer || this.stopped) return;
    // At most one patch per refresh interval: a refresh writes the store many times.
    const gap = this.options.store.getState().ui.refreshSeconds * 1000;
    const wait = Math.max(this.limits.coalesceMs, this.lastFlushAt + gap - this.now());
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      this.flush();
    }, wait);
  }

  /** Sends what changed since the last patch to every viewer that keeps up. */
  flush(): void {
    this.lastFlushAt = this.now();
    const changes = this.tracker.collect(this.options.store.getState());
    if (!changes) return;
    this.seq += 1;
    const frame = `{"type":"patch","seq":${this.seq},"sentAt":${this.now()},"changes":${JSON.stringify(changes)}}`;
    const bytes = Buffer.byteLength(frame);
    for (const viewer of this.viewers) {
      if (viewer.name === undefined || viewer.closed) continue;
      if (viewer.behindSince !== undefined) continue;
      if (viewer.link.backlogBytes() > this.limits.backlogLimitBytes) {
        viewer.behindSince = this.now();
        continue;
      }
      viewer.link.sendPatch(frame);
      this.sent.patches += 1;
      this.sent.patchBytes += bytes;
    }
  }

  private maintain(): void {
    const now = this.now();
    const refused = this.refused + this.options.transport.refusedConnections();
    if (refused !== this.options.store.getState().share.host?.refused) this.publish();
    for (const viewer of this.viewers) {
      if (viewer.closed) continue;
      if (viewer.name === undefined) {
        if (now - viewer.joinedAt > this.limits.helloTimeoutMs) {
          this.refuse();
          this.dismiss(viewer, 'timeout', 'no hello');
          viewer.link.terminate();
        }
        continue;
      }
      if (now - viewer.lastHeardAt > this.limits.deadAfterMs) {
        viewer.link.terminate();
        this.forget(viewer);
        continue;
      }
      if (viewer.behindSince !== undefined) this.catchUp(viewer, now);
      if (now - viewer.lastHeardAt >= this.limits.heartbeatMs)
        viewer.link.sendControl(encodeMessage({type: 'ping', at: now}));
    }
  }

  /** A viewer that fell behind gets the current state once its queue drained, or is dropped. */
  private catchUp(viewer: Viewer, now: number): void {
    if (viewer.link.backlogBytes() <= this.limits.backlogLimitBytes / 2) {
      viewer.behindSince = undefined;
      const frame = `{"type":"snapshot","seq":${this.seq},"sentAt":${now},"state":${this.snapshotJson()}}`;
      this.countSnapshot(frame);
      viewer.link.sendSnapshot(frame);
      return;
    }
    if (now - viewer.behindSince! > this.limits.dropLaggingAfterMs) {
      this.dismiss(viewer, 'lagging', 'this view fell too far behind');
      viewer.link.terminate();
    }
  }

  private dismiss(viewer: Viewer, reason: ByeReason, message: string): void {
    if (viewer.closed) return;
    const bye: HostMessage = {type: 'bye', reason, message};
    viewer.link.sendControl(encodeMessage(bye));
    viewer.link.close(closeCodes[reason], reason);
    this.forget(viewer);
  }

  private forget(viewer: Viewer): void {
    if (viewer.closed) return;
    viewer.closed = true;
    this.viewers.delete(viewer);
    if (viewer.name === undefined) return;
    this.publish();
    if (this.stopped) return;
    void this.options.record({
      kind: 'viewer.left',
      text: `viewer left: ${viewer.name} from ${viewer.link.address}`,
      data: {name: viewer.name, address: viewer.link.address},
    });
  }

  // Counted now, shown by the next maintenance tick: a flood must not redraw the host's screen.
  private refuse(): void {
    this.refused += 1;
  }

  private publish(url?: string): void {
    const share = this.options.store.getState().share;
    const viewers = [...this.viewers]
      .filter((viewer) => viewer.name !== undefined && !viewer.closed)
      .map((viewer) => ({
        id: viewer.id,
        name: viewer.name!,
        address: viewer.link.address,
        joinedAt: viewer.joinedAt,
      }));
    this.options.store.getState().updateShare({
      host: {
        viewers,
        refused: this.refused + this.options.transport.refusedConnections(),
        joinCommand: url ? this.options.joinCommand(url) : (share.host?.joinCommand ?? ''),
        notes: this.options.notes,
      },
    });
  }
}
