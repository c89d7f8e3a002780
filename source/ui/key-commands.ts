import {stepRefresh} from '../probes/refresh-interval';
import type {UiSlice} from '../store/slices/ui-slice';
import {type Layout, neighbourOf} from './layout';

type UiState = UiSlice['ui'];

/** What a key command does: a change of UI state and, at most, one effect on the program. */
export type CommandOutcome = {
  ui?: Partial<UiState>;
  effect?:
    | {type: 'quit'}
    | {type: 'setPaused'; paused: boolean}
    | {type: 'setRefreshSeconds'; seconds: number}
    | {type: 'reconnect'};
};

/**
 * The global key commands as a pure function of UI state and layout, so they are tested without
 * Ink. Commands owned by a pane (selection, actions) are handled by that pane.
 */
export function runGlobalCommand(
  command: string,
  ui: UiState,
  layout: Layout,
  keyName = '',
): CommandOutcome | undefined {
  const order = layout.focusOrder;
  const index = Math.max(0, order.indexOf(ui.focusedPaneId));
  switch (command) {
    case 'focus.next':
      return {ui: {focusedPaneId: order[(index + 1) % order.length]!}};
    case 'focus.previous':
      return {ui: {focusedPaneId: order[(index - 1 + order.length) % order.length]!}};
    case 'focus.left':
    case 'focus.right':
    case 'focus.up':
    case 'focus.down':
      if (ui.zoomed) return {};
      return {
        ui: {focusedPaneId: neighbourOf(layout, ui.focusedPaneId, command.slice(6) as 'left')},
      };
    case 'focus.jump': {
      const target = order[Number(keyName) - 1];
      return target ? {ui: {focusedPaneId: target, zoomed: false}} : {};
    }
    case 'runbook.open':
      return {ui: {focusedPaneId: 'runbook', overlay: 'runbook-picker'}};
    case 'pane.zoom':
      return {ui: {zoomed: !ui.zoomed}};
    case 'help.toggle':
      return {ui: {overlay: ui.overlay === 'help' ? undefined : 'help', helpScroll: 0}};
    case 'command.open':
      return {ui: {overlay: 'command'}};
    case 'overlay.close':
      return {ui: ui.overlay ? {overlay: undefined} : {zoomed: false}};
    case 'refresh.pause':
      return {ui: {paused: !ui.paused}, effect: {type: 'setPaused', paused: !ui.paused}};
    case 'refresh.faster':
    case 'refresh.slower': {
      const seconds = stepRefresh(ui.refreshSeconds, command === 'refresh.faster' ? -1 : 1);
      return {
        ui: {refreshSeconds: seconds, message: `refresh every ${seconds}s`},
        effect: {type: 'setRefreshSeconds', seconds},
      };
    }
    case 'app.quit':
      return {effect: {type: 'quit'}};
    case 'database.reconnect':
      return {effect: {type: 'reconnect'}};
    default:
      return undefined;
  }
}
