import {Box, Text, useInput, useWindowSize} from 'ink';
import {useMemo, useState} from 'react';
import {useApplicationSettings} from './application-settings-context';
import {CollapsedRegion} from './CollapsedRegion';
import {useCockpitActions} from './cockpit-actions';
import {CommandLine} from './command-line/CommandLine';
import {completePaletteLine, runPaletteLine} from './command-line/palette-commands';
import {Footer} from './Footer';
import {Header} from './Header';
import {HelpOverlay} from './HelpOverlay';
import {IncidentDialogHost, openIncidentDialog} from './incident/IncidentDialogHost';
import {incidentKeyOutcome} from './incident/incident-keys';
import {runGlobalCommand} from './key-commands';
import {useImmediateKeyFrames} from './key-frames';
import {
  activeBindings,
  commandForKey,
  displayKey,
  keyNamesOf,
  writeRefusedInReadOnly,
} from './keys';
import {chromeRows, computeLayout} from './layout';
import {useOverlayKeyQueue} from './overlay-key-queue';
import {type RegionDemand, regionDemands} from './pane-demand';
import {createPaneKeyRouter, PaneKeyRouterProvider} from './pane-keys';
import {allRegions, lowerRegions, paneRegions} from './panes/pane-registry';
import {RegionErrorBoundary} from './RegionErrorBoundary';
import {openRunbookByQuery} from './runbook/open-runbook';
import {useCockpit, useCockpitStore} from './store-context';
import {TabStrip} from './TabStrip';
import {useClockTicker} from './use-now';

const helpScrollKeys: Record<string, number> = {up: -1, down: 1, pageup: -10, pagedown: 10};

/** Overlays a pane opens over its own body (confirmations, session detail): drawn full size. */
export function isPaneDialog(overlay: string | undefined): boolean {
  return (
    overlay !== undefined &&
    (overlay.startsWith('confirm:') || overlay.endsWith('.confirm') || overlay.endsWith('.detail'))
  );
}

/** Smallest terminal the cockpit draws in; below it says how big it needs to be. */
export const minimumSize = {columns: 40, rows: 10};

const lowerIds = lowerRegions.map((region) => region.id);

/** The whole screen: header, panes (grid or tabs), runbook and timeline regions, footer. */
export function App() {
  const {columns, rows} = useWindowSize();
  const store = useCockpitStore();
  const actions = useCockpitActions();
  const ui = useCockpit((state) => state.ui);
  const settings = useApplicationSettings();
  // Panes that depend on configuration (Signals) appear only when configured.
  const paneIds = useMemo(
    () =>
      paneRegions
        .filter((region) => !region.shownWhen || region.shownWhen(settings))
        .map((region) => region.id),
    [settings],
  );
  const bindings = useMemo(() => activeBindings(ui.readOnly), [ui.readOnly]);
  // Keys typed after an overlay was asked for but before it is on screen belong to it.
  const overlayKeys = useOverlayKeyQueue();
  // One router for the screen's life: panes register with it once.
  const [paneKeys] = useState(createPaneKeyRouter);
  useClockTicker(store);
  useImmediateKeyFrames();
  // A string, so the selector's result compares by value and only a real change re-lays out.
  const demandsKey = useCockpit((state) => JSON.stringify(regionDemands(state)));
  // A pane's confirmation or detail is drawn over the whole body, in every layout.
  const paneDialog = isPaneDialog(ui.overlay);
  const layout = useMemo(
    () =>
      computeLayout({
        columns,
        rows,
        paneIds,
        regionIds: lowerIds,
        focusedId: ui.focusedPaneId,
        zoomed: ui.zoomed || paneDialog,
        demands: JSON.parse(demandsKey) as Record<string, RegionDemand>,
      }),
    [columns, rows, paneIds, ui.focusedPaneId, ui.zoomed, paneDialog, demandsKey],
  );

  useInput(
    (input, key) => {
      const keyNames = keyNamesOf(input, key);
      let index = 0;
      for (; index < keyNames.length; index++) {
        const keyName = keyNames[index]!;
        const current = store.getState().ui;
        if (openIncidentDialog(current.overlay) || current.overlay === 'command') {
          overlayKeys.hold(keyNames.slice(index));
          return;
        }
        // A pane's overlay (a filter, a confirmation) opened by an earlier key or chunk and not
        // listening yet: the pane hands it these keys.
        if (current.overlay !== undefined && current.overlay !== 'help') {
          paneKeys.deliver(current.focusedPaneId, keyNames.slice(index));
          return;
        }
        if (current.overlay === 'help' && helpScrollKeys[keyName] !== undefined) {
          store
            .getState()
            .updateUi({helpScroll: Math.max(0, current.helpScroll + helpScrollKeys[keyName])});
          continue;
        }
        const refused = current.readOnly
          ? writeRefusedInReadOnly(keyName, current.focusedPaneId)
          : undefined;
        if (refused && current.overlay === undefined) {
          store.getState().updateUi({
            message: `read-only: ${displayKey(keyName)} (${refused.description.split(' (')[0]!.toLowerCase()}) is off; restart without --read-only to act`,
          });
          continue;
        }
        const command = commandForKey(keyName, current.focusedPaneId, bindings);
        if (
          !command ||
          !bindings.some((binding) => binding.command === command && binding.scope === 'global')
        ) {
          // The pane focused now takes its keys from here: after `2` in `2⏎`, that is Locks.
          if (current.overlay === undefined) {
            const used = paneKeys.deliver(current.focusedPaneId, keyNames.slice(index));
            index += Math.max(1, used) - 1;
          }
          continue;
        }
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
            overlayKeys.hold(keyNames.slice(index + 1));
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
        if (effect?.type === 'reconnect')
          store.getState().updateUi({message: actions.reconnectNow?.() ?? 'nothing to reconnect'});
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
        // Regions are siblings placed by position, so one that moves (a band resized, a pane
        // zoomed for its confirmation) keeps its state instead of being mounted afresh.
        <PaneKeyRouterProvider router={paneKeys}>
          <Box width={columns} height={bodyHeight} overflow="hidden">
            {layout.rows.flat().map((box) => {
              const focused = box.id === ui.focusedPaneId;
              const region = allRegions.find((candidate) => candidate.id === box.id)!;
              const Region = region.component;
              return (
                <Box
                  key={box.id}
                  position="absolute"
                  marginLeft={box.x ?? 0}
                  marginTop={box.y ?? 0}
                  width={box.width}
                  height={box.height}
                  overflow="hidden"
                >
                  {box.collapsed ? (
                    <CollapsedRegion text={box.collapsed} width={box.width} focused={focused} />
                  ) : (
                    <RegionErrorBoundary
                      title={region.title}
                      width={box.width}
                      height={box.height}
                      focused={focused}
                    >
                      <Region width={box.width} height={box.height} focused={focused} />
                    </RegionErrorBoundary>
                  )}
                </Box>
              );
            })}
          </Box>
        </PaneKeyRouterProvider>
      )}
      {incidentDialog ? (
        <IncidentDialogHost
          width={columns}
          dialog={incidentDialog}
          takeTypedKeys={overlayKeys.take}
        />
      ) : commandOpen ? (
        <CommandLine
          width={columns}
          takeTypedKeys={overlayKeys.take}
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
              reconnect: () => actions.reconnectNow?.() ?? 'nothing to reconnect',
              resumeIncident: () => {
                const resume = actions.incident?.resumeElsewhere;
                if (!resume) return 'nothing to resume';
                void resume().then(
                  (text) => store.getState().updateUi({message: text}),
                  (error: unknown) =>
                    store.getState().updateUi({message: `resume failed: ${String(error)}`}),
                );
                return 'resuming…';
              },
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
          overlay={ui.overlay}
        />
      )}
    </Box>
  );
}
