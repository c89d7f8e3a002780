import {Box, Text, useInput, useWindowSize} from 'ink';
import {useMemo, useRef} from 'react';
import {useCockpitActions} from './cockpit-actions';
import {CommandLine} from './command-line/CommandLine';
import {completePaletteLine, runPaletteLine} from './command-line/palette-commands';
import {Footer} from './Footer';
import {Header} from './Header';
import {HelpOverlay} from './HelpOverlay';
import {IncidentDialogHost, openIncidentDialog} from './incident/IncidentDialogHost';
import {incidentKeyOutcome} from './incident/incident-keys';
import {runGlobalCommand} from './key-commands';
import {activeBindings, commandForKey, keyNamesOf} from './keys';
import {chromeRows, computeLayout} from './layout';
import {allRegions, lowerRegions, paneRegions} from './panes/pane-registry';
import {openRunbookByQuery} from './runbook/open-runbook';
import {useCockpit, useCockpitStore} from './store-context';
import {TabStrip} from './TabStrip';

const helpScrollKeys: Record<string, number> = {up: -1, down: 1, pageup: -10, pagedown: 10};

/** Smallest terminal the cockpit draws in; below it says how big it needs to be. */
export const minimumSize = {columns: 40, rows: 10};

const paneIds = paneRegions.map((region) => region.id);
const lowerIds = lowerRegions.map((region) => region.id);

/** The whole screen: header, panes (grid or tabs), runbook and timeline regions, footer. */
export function App() {
  const {columns, rows} = useWindowSize();
  const store = useCockpitStore();
  const actions = useCockpitActions();
  const ui = useCockpit((state) => state.ui);
  const bindings = useMemo(() => activeBindings(ui.readOnly), [ui.readOnly]);
  // Keys typed after an incident overlay was asked for but before it is on screen belong to it.
  const keysForOverlay = useRef<string[]>([]);
  const layout = useMemo(
    () =>
      computeLayout({
        columns,
        rows,
        paneIds,
        regionIds: lowerIds,
        focusedId: ui.focusedPaneId,
        zoomed: ui.zoomed,
      }),
    [columns, rows, ui.focusedPaneId, ui.zoomed],
  );

  useInput(
    (input, key) => {
      const keyNames = keyNamesOf(input, key);
      for (const [index, keyName] of keyNames.entries()) {
        const current = store.getState().ui;
        if (openIncidentDialog(current.overlay)) {
          keysForOverlay.current.push(...keyNames.slice(index));
          return;
        }
        if (current.overlay === 'help' && helpScrollKeys[keyName] !== undefined) {
          store
            .getState()
            .updateUi({helpScroll: Math.max(0, current.helpScroll + helpScrollKeys[keyName])});
          continue;
        }
        const command = commandForKey(keyName, current.focusedPaneId, bindings);
        // Pane-scoped commands are handled by the focused pane's own input handler.
        if (
          !command ||
          !bindings.some((binding) => binding.command === command && binding.scope === 'global')
        )
          continue;
        if (
          current.overlay === 'help' &&
          !['help.toggle', 'overlay.close', 'app.quit'].includes(command)
        )
          continue;
        const incidentOutcome = incidentKeyOutcome(command, {
          incidentOpen: store.getState().incident !== undefined,
          canWrite: actions.incident !== undefined,
        });
        if (incidentOutcome) {
          store
            .getState()
            .updateUi({message: incidentOutcome.message, overlay: incidentOutcome.overlay});
          // The overlay owns the keys from here, including the rest of this chunk.
          if (incidentOutcome.overlay) {
            keysForOverlay.current = keyNames.slice(index + 1);
            return;
          }
          continue;
        }
        const outcome = runGlobalCommand(command, current, layout, keyName);
        if (!outcome) continue;
        if (outcome.ui) store.getState().updateUi({message: undefined, ...outcome.ui});
        const effect = outcome.effect;
        if (effect?.type === 'quit') return actions.quit();
        if (effect?.type === 'setPaused') actions.setPaused(effect.paused);
        if (effect?.type === 'setRefreshSeconds') actions.setRefreshSeconds(effect.seconds);
      }
    },
    {isActive: ui.overlay === undefined || ui.overlay === 'help'},
  );

  if (columns < minimumSize.columns || rows < minimumSize.rows) {
    return (
      <Box width={columns} height={rows}>
        <Text wrap="truncate-end">{`Terminal ${columns}x${rows} is too small: need ${minimumSize.columns}x${minimumSize.rows}. q quits.`}</Text>
      </Box>
    );
  }

  const bodyHeight =
    rows -
    chromeRows.header -
    chromeRows.footer -
    (layout.mode === 'compact' ? chromeRows.tabStrip : 0);
  const commandOpen = ui.overlay === 'command';
  const incidentDialog = openIncidentDialog(ui.overlay);
  return (
    <Box flexDirection="column" width={columns} height={rows} overflow="hidden">
      <Header width={columns} />
      {layout.mode === 'compact' ? (
        <TabStrip width={columns} focusOrder={layout.focusOrder} focusedId={ui.focusedPaneId} />
      ) : null}
      {ui.overlay === 'help' ? (
        <HelpOverlay
          width={columns}
          height={bodyHeight}
          bindings={bindings}
          scroll={ui.helpScroll}
        />
      ) : (
        <Box flexDirection="column" width={columns} height={bodyHeight} overflow="hidden">
          {layout.rows.map((row) => (
            <Box
              key={row.map((box) => box.id).join('+')}
              flexDirection="row"
              height={row[0]?.height ?? 0}
            >
              {row.map((box) => {
                const Region = allRegions.find((candidate) => candidate.id === box.id)!.component;
                const focused = box.id === ui.focusedPaneId;
                return (
                  <Region key={box.id} width={box.width} height={box.height} focused={focused} />
                );
              })}
            </Box>
          ))}
        </Box>
      )}
      {incidentDialog ? (
        <IncidentDialogHost
          width={columns}
          dialog={incidentDialog}
          takeTypedKeys={() => keysForOverlay.current.splice(0)}
        />
      ) : commandOpen ? (
        <CommandLine
          width={columns}
          history={ui.commandHistory}
          complete={(text) => completePaletteLine(text)}
          onCancel={() => store.getState().updateUi({overlay: undefined})}
          onSubmit={(line) => {
            const state = store.getState();
            state.updateUi({
              overlay: undefined,
              commandHistory: line.trim()
                ? [...state.ui.commandHistory.slice(-49), line.trim()]
                : state.ui.commandHistory,
            });
            const message = runPaletteLine(line, {
              focus: (regionId) =>
                store.getState().updateUi({focusedPaneId: regionId, zoomed: false}),
              toggleHelp: () => store.getState().updateUi({overlay: 'help'}),
              quit: actions.quit,
              openRunbook: (query) => openRunbookByQuery(store, actions, query),
              store,
            });
            if (message) store.getState().updateUi({message});
          }}
        />
      ) : (
        <Footer
          width={columns}
          bindings={bindings}
          focusedPaneId={ui.focusedPaneId}
          message={ui.message}
        />
      )}
    </Box>
  );
}
