import {render} from 'ink-testing-library';
import type {ReactElement} from 'react';
import type {RunbookStepActions} from '../../source/actions/write-pipeline';
import type {IncidentActions} from '../../source/incidents/incident-actions';
import {type CockpitStore, createCockpitStore} from '../../source/store/cockpit-store';
import {
  storeTimelineSink,
  type TimelineEventInput,
  type TimelineSink,
} from '../../source/timeline/timeline-sink';
import {App} from '../../source/ui/App';
import {
  type CockpitActions,
  CockpitActionsProvider,
  type DatabaseActionOutcome,
  type DatabaseActionRequest,
} from '../../source/ui/cockpit-actions';
import {CockpitStoreProvider} from '../../source/ui/store-context';

/** A rendered UI at a fixed terminal size, with helpers that wait for frames instead of sleeping. */
export type RenderedUi = {
  store: CockpitStore;
  actions: CockpitActions & {
    calls: string[];
    /** Database actions asked for, confirmed (`run`) or backed out of (`cancelled`). */
    requests: Array<{request: DatabaseActionRequest; outcome: 'run' | 'cancelled'}>;
    copied: string[];
    /** Every event recorded, with its data. */
    events: TimelineEventInput[];
  };
  lastFrame: () => string;
  /** Types keys (raw characters or escape sequences), one write each, waiting for Ink after each. */
  press: (...keys: string[]) => Promise<void>;
  /** Waits until the latest frame satisfies `predicate` (string: contains it), or fails after the deadline. */
  waitForFrame: (
    predicate: string | ((frame: string) => boolean),
    timeoutMs?: number,
  ) => Promise<string>;
  /** Waits for Ink to flush pending renders (after a store update from outside). */
  settle: () => Promise<void>;
  resize: (columns: number, rows: number) => Promise<void>;
  unmount: () => void;
};

/** Key sequences as a terminal sends them. */
export const keys = {
  tab: '\t',
  shiftTab: '\u001b[Z',
  enter: '\r',
  escape: '\u001b',
  up: '\u001b[A',
  down: '\u001b[B',
  right: '\u001b[C',
  left: '\u001b[D',
  backspace: '\u007f',
  ctrlC: '\u0003',
} as const;

/** Runbook step actions that run nothing: every step reports that no database is here. */
export const inertRunbookActions: RunbookStepActions = {
  refusal: () => undefined,
  runRunbookSql: async () => ({kind: 'failed', error: 'no database in this test'}),
  runShellStep: async () => ({kind: 'refused', reason: 'no shell in this test'}),
  cancelRunbookStep: async () => undefined,
  runRunbookReads: async () => [],
};

/** Actions that do nothing, for tests that supply only the ones they look at. */
export function inertActions(overrides: Partial<CockpitActions> = {}): CockpitActions {
  return {
    quit: () => undefined,
    setPaused: () => undefined,
    setRefreshSeconds: () => undefined,
    recordEvent: async () => undefined,
    runDatabaseAction: async () => ({ok: false, text: 'not available in this test'}),
    recordCancelledAction: async () => undefined,
    copyToClipboard: () => undefined,
    ...inertRunbookActions,
    ...overrides,
  };
}

const macrotask = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Renders `element` (default: the whole App) with ink-testing-library at exactly `columns` x
 * `rows`. ink-testing-library's stdout reports 100 columns and no rows; both are overridden
 * and a resize is emitted, so layouts are the same on every machine.
 */
export async function renderUi(
  options: {
    columns?: number;
    rows?: number;
    store?: CockpitStore;
    element?: ReactElement;
    /** What a confirmed database action returns (default: done). */
    actionOutcome?: (request: DatabaseActionRequest) => Promise<DatabaseActionOutcome>;
    /**
     * How runbook steps run (default: inert). Tests pass the real write pipeline, built on a
     * lifeline and on the timeline given here, which records into `actions.events`.
     */
    runbookActions?: RunbookStepActions | ((timeline: TimelineSink) => RunbookStepActions);
    /** The incident actions the screen calls (default: none, as for a read-only viewer). */
    incident?: IncidentActions;
    /** Further actions the program would supply (incident, application actions). */
    actions?: Partial<CockpitActions>;
    /** Events recorded go onto the store's timeline too, as the program's sink puts them. */
    timelineInStore?: boolean;
  } = {},
): Promise<RenderedUi> {
  const {columns = 80, rows = 24} = options;
  const store = options.store ?? createCockpitStore({databaseLabel: 'test@localhost:5432/test'});
  const calls: string[] = [];
  const requests: RenderedUi['actions']['requests'] = [];
  const copied: string[] = [];
  const events: TimelineEventInput[] = [];
  const storeSink = options.timelineInStore ? storeTimelineSink(store) : undefined;
  const recordEvent = async (event: TimelineEventInput) => {
    calls.push(`event:${event.kind}:${event.text}`);
    events.push(event);
    await storeSink?.record(event);
  };
  const runbookActions =
    typeof options.runbookActions === 'function'
      ? options.runbookActions({record: recordEvent})
      : (options.runbookActions ?? inertRunbookActions);
  const actions = {
    ...runbookActions,
    ...(options.incident ? {incident: options.incident} : {}),
    ...options.actions,
    calls,
    requests,
    copied,
    events,
    runDatabaseAction: async (request: DatabaseActionRequest) => {
      requests.push({request, outcome: 'run'});
      return (
        (await options.actionOutcome?.(request)) ?? {
          ok: true as const,
          text: `${request.summary}: done`,
          results: [],
        }
      );
    },
    recordCancelledAction: async (request: DatabaseActionRequest) => {
      requests.push({request, outcome: 'cancelled'});
    },
    copyToClipboard: (text: string) => {
      copied.push(text);
    },
    quit: () => calls.push('quit'),
    reconnectNow: () => {
      calls.push('reconnect');
      return 'reconnecting now';
    },
    setPaused: (paused: boolean) => calls.push(`paused:${paused}`),
    setRefreshSeconds: (seconds: number) => calls.push(`refresh:${seconds}`),
    recordEvent,
  };
  const instance = render(
    <CockpitStoreProvider store={store}>
      <CockpitActionsProvider actions={actions}>
        {options.element ?? <App />}
      </CockpitActionsProvider>
    </CockpitStoreProvider>,
  );
  const stdout = instance.stdout as unknown as NodeJS.EventEmitter & {
    columns: number;
    rows: number;
  };
  const resize = async (newColumns: number, newRows: number) => {
    Object.defineProperty(stdout, 'columns', {value: newColumns, configurable: true});
    Object.defineProperty(stdout, 'rows', {value: newRows, configurable: true});
    stdout.emit('resize');
    await macrotask();
    await macrotask();
  };
  await resize(columns, rows);
  const lastFrame = () => instance.lastFrame() ?? '';
  const waitForFrame = async (
    predicate: string | ((frame: string) => boolean),
    timeoutMs = 3000,
  ) => {
    const test =
      typeof predicate === 'string' ? (frame: string) => frame.includes(predicate) : predicate;
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (test(lastFrame())) return lastFrame();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`no matching frame within ${timeoutMs} ms; last frame:\n${lastFrame()}`);
  };
  return {
    store,
    actions,
    lastFrame,
    press: async (...sequence) => {
      for (const key of sequence) {
        instance.stdin.write(key);
        await macrotask();
        await macrotask();
      }
    },
    waitForFrame,
    settle: async () => {
      await macrotask();
      await macrotask();
    },
    resize,
    unmount: () => instance.unmount(),
  };
}
