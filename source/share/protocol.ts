import {z} from 'zod';
import type {SharedState, SharedStatePatch} from './shared-state';

/**
 * Version of the share protocol. A host and a viewer talk only when they speak the same one;
 * otherwise both say so in one line and the viewer exits (see docs/sharing.md).
 */
export const shareProtocolVersion = 1;

/** Largest message a host accepts from a viewer; larger frames close that viewer's connection. */
export const maxViewerMessageBytes = 64 * 1024;

/** Longest note a viewer may send (`--share-notes`). */
export const maxViewerNoteLength = 2000;

/** Why a host ends a viewer's session; the viewer turns it into its exit message. */
export type ByeReason =
  | 'unauthorized'
  | 'incompatible'
  | 'full'
  | 'lagging'
  | 'flooding'
  | 'timeout'
  | 'shutdown'
  | 'left';

/** WebSocket close codes matching each reason (4000–4999 is the application range). */
export const closeCodes: Record<ByeReason, number> = {
  unauthorized: 4001,
  incompatible: 4002,
  full: 4003,
  lagging: 4004,
  flooding: 4005,
  timeout: 4006,
  shutdown: 1001,
  left: 1000,
};

/** Reasons after which a viewer must not reconnect by itself: trying again cannot help. */
export const finalByeReasons: ReadonlySet<ByeReason> = new Set(['unauthorized', 'incompatible']);

/** What the host tells a viewer about itself when it is let in. */
export type HostInfo = {
  /** The host's machine name and the database it watches (already safe to show). */
  host: string;
  database: string;
  /** Viewers may add notes (`--share-notes`). */
  notes: boolean;
  /** Customer data is masked for viewers (`--share-redact`). */
  redacted: boolean;
};

/** viewer → host: the first message, within a few seconds of connecting. */
export type HelloMessage = {type: 'hello'; protocol: number; token: string; name: string};
/** host → viewer: accepted; the full shareable state. */
export type WelcomeMessage = {
  type: 'welcome';
  protocol: number;
  viewerId: string;
  info: HostInfo;
  seq: number;
  sentAt: number;
  state: SharedState;
};
/** host → viewer: the full state again, replacing the viewer's (after it fell behind). */
export type SnapshotMessage = {type: 'snapshot'; seq: number; sentAt: number; state: SharedState};
/** host → viewer: what changed since `seq - 1`. */
export type PatchMessage = {type: 'patch'; seq: number; sentAt: number; changes: SharedStatePatch};
/** either way: a heartbeat; answered with a pong carrying the same `at`. */
export type PingMessage = {type: 'ping'; at: number};
export type PongMessage = {type: 'pong'; at: number};
/** viewer → host: a timeline note (only honoured under `--share-notes`). */
export type NoteMessage = {type: 'note'; text: string};
/** either way: the session ends, and why. */
export type ByeMessage = {type: 'bye'; reason: ByeReason; message: string};

/** Everything a host sends. */
export type HostMessage =
  | WelcomeMessage
  | SnapshotMessage
  | PatchMessage
  | PingMessage
  | PongMessage
  | ByeMessage;
/** Everything a viewer sends. */
export type ViewerMessage = HelloMessage | PingMessage | PongMessage | NoteMessage | ByeMessage;

const byeReasons = Object.keys(closeCodes) as [ByeReason, ...ByeReason[]];
const timestamp = z.number().finite();

const viewerMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('hello'),
    protocol: z.number().int(),
    token: z.string().max(1024),
    name: z.string().max(200),
  }),
  z.object({type: z.literal('ping'), at: timestamp}),
  z.object({type: z.literal('pong'), at: timestamp}),
  z.object({type: z.literal('note'), text: z.string().min(1).max(maxViewerNoteLength)}),
  z.object({type: z.literal('bye'), reason: z.enum(byeReasons), message: z.string().max(500)}),
]);

const stateObject = z.record(z.string(), z.unknown());
const hostMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('welcome'),
    protocol: z.number().int(),
    viewerId: z.string(),
    info: z.object({
      host: z.string(),
      database: z.string(),
      notes: z.boolean(),
      redacted: z.boolean(),
    }),
    seq: z.number().int(),
    sentAt: timestamp,
    state: stateObject,
  }),
  z.object({
    type: z.literal('snapshot'),
    seq: z.number().int(),
    sentAt: timestamp,
    state: stateObject,
  }),
  z.object({
    type: z.literal('patch'),
    seq: z.number().int(),
    sentAt: timestamp,
    changes: stateObject,
  }),
  z.object({type: z.literal('ping'), at: timestamp}),
  z.object({type: z.literal('pong'), at: timestamp}),
  z.object({type: z.literal('bye'), reason: z.enum(byeReasons), message: z.string().max(500)}),
]);

/** The result of reading one incoming text frame. */
export type Parsed<T> = {ok: true; message: T} | {ok: false; problem: string};

function parseWith<T>(schema: z.ZodType, text: string): Parsed<T> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return {ok: false, problem: 'not JSON'};
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    const type =
      value && typeof value === 'object' && 'type' in value ? String(value.type) : undefined;
    return {ok: false, problem: type ? `bad or unknown message "${type.slice(0, 40)}"` : 'no type'};
  }
  return {ok: true, message: result.data as T};
}

/** Reads a viewer's message on the host; anything else is a problem, never an exception. */
export function parseViewerMessage(text: string): Parsed<ViewerMessage> {
  return parseWith<ViewerMessage>(viewerMessageSchema, text);
}

/** Reads a host's message on a viewer. */
export function parseHostMessage(text: string): Parsed<HostMessage> {
  return parseWith<HostMessage>(hostMessageSchema, text);
}

/** One message as it goes on the wire. */
export function encodeMessage(message: HostMessage | ViewerMessage): string {
  return JSON.stringify(message);
}

/** The line both sides show when their versions differ. */
export function incompatibleVersionText(hostVersion: number, viewerVersion: number): string {
  return `share protocol mismatch: the host speaks version ${hostVersion}, this viewer ${viewerVersion}; run the same cockpit version on both sides`;
}
