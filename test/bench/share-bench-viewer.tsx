import {render} from 'ink';
import type {CockpitStore} from '../../source/store/cockpit-store';
import {App} from '../../source/ui/App';
import {type CockpitActions, CockpitActionsProvider} from '../../source/ui/cockpit-actions';
import {CockpitStoreProvider} from '../../source/ui/store-context';

const readOnly = 'read-only';

/** What a join view can do: nothing that reaches the host. */
const viewerActions: CockpitActions = {
  quit: () => undefined,
  setPaused: () => undefined,
  setRefreshSeconds: () => undefined,
  recordEvent: async () => {
    throw new Error(readOnly);
  },
  runDatabaseAction: async () => ({ok: false, text: readOnly}),
  recordCancelledAction: () => undefined,
  copyToClipboard: () => undefined,
  runRunbookSql: async () => ({kind: 'failed', error: readOnly}),
  runShellStep: async () => ({kind: 'refused', reason: readOnly}),
  runRunbookReads: async () => [],
};

/** Renders the App of a viewer's store as `cockpit join` does, to the given streams. */
export function renderViewerApp(store: CockpitStore, stdout: unknown, stdin: unknown) {
  return render(
    <CockpitStoreProvider store={store}>
      <CockpitActionsProvider actions={viewerActions}>
        <App />
      </CockpitActionsProvider>
    </CockpitStoreProvider>,
    {
      stdout: stdout as NodeJS.WriteStream,
      stdin: stdin as NodeJS.ReadStream,
      interactive: true,
      incrementalRendering: true,
      maxFps: 15,
      patchConsole: false,
      exitOnCtrlC: false,
    },
  );
}
