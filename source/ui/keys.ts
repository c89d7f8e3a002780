/** Where a binding applies: everywhere, or only while a given pane has focus. */
export type KeyScope = 'global' | `pane:${string}`;

/** One entry of the key table, the single source of key handling, footer, help and README. */
export type KeyBinding = {
  command: string;
  /** Key names as {@link keyNameOf} produces them: `q`, `tab`, `shift+tab`, `ctrl+c`, `space`. */
  keys: string[];
  description: string;
  scope: KeyScope;
  /** Changes the monitored database or the outside world: never bound under `--read-only`. */
  dangerous?: boolean;
  /** Shown in the footer when there is room: the short label to show (true: the description). */
  footer?: boolean | string;
};

/** Selection keys of a list pane; they override the global ↑/↓ focus moves while it has focus. */
function selectionBindings(paneId: string): KeyBinding[] {
  return [
    {
      command: `${paneId}.select.up`,
      keys: ['up', 'k'],
      description: 'Select the previous row',
      scope: `pane:${paneId}`,
      footer: false,
    },
    {
      command: `${paneId}.select.down`,
      keys: ['down', 'j'],
      description: 'Select the next row',
      scope: `pane:${paneId}`,
      footer: false,
    },
  ];
}

/** The application panes' bindings: selection, and the actions that change the outside world. */
export const applicationPaneBindings: readonly KeyBinding[] = [
  ...selectionBindings('dlq'),
  {
    command: 'dlq.view',
    keys: ['v'],
    description: 'Show error classes or recent messages',
    scope: 'pane:dlq',
  },
  {
    command: 'dlq.requeue',
    keys: ['r'],
    description: 'Requeue the selected message or error class',
    scope: 'pane:dlq',
    dangerous: true,
  },
  ...selectionBindings('emails'),
  {
    command: 'emails.retry',
    keys: ['r'],
    description: 'Retry the selected failed emails (last hour)',
    scope: 'pane:emails',
    dangerous: true,
  },
  ...selectionBindings('campaigns'),
  {
    command: 'campaigns.stop',
    keys: ['s'],
    description: 'Stop the selected campaign through its HTTP endpoint',
    scope: 'pane:campaigns',
    dangerous: true,
  },
  ...selectionBindings('integrations'),
  ...selectionBindings('signals'),
  {
    command: 'signals.detail',
    keys: ['enter'],
    description:
      'Show the selected signal in full: its query or URL, thresholds, rate, last error, runbook',
    scope: 'pane:signals',
    footer: 'detail',
  },
  {
    command: 'signals.runbook',
    keys: ['b'],
    description: "Open the selected signal's suggested runbook in the navigator",
    scope: 'pane:signals',
    footer: 'its runbook',
  },
];

/** The key table. */
export const keyBindings: readonly KeyBinding[] = [
  {
    command: 'focus.next',
    keys: ['tab'],
    description: 'Focus the next pane',
    scope: 'global',
    footer: 'focus',
  },
  {
    command: 'focus.previous',
    keys: ['shift+tab'],
    description: 'Focus the previous pane',
    scope: 'global',
  },
  {
    command: 'focus.left',
    keys: ['left'],
    description: 'Focus the pane to the left',
    scope: 'global',
  },
  {
    command: 'focus.right',
    keys: ['right'],
    description: 'Focus the pane to the right',
    scope: 'global',
  },
  {command: 'focus.up', keys: ['up'], description: 'Focus the pane above', scope: 'global'},
  {command: 'focus.down', keys: ['down'], description: 'Focus the pane below', scope: 'global'},
  {
    command: 'focus.jump',
    keys: ['1', '2', '3', '4', '5', '6', '7', '8'],
    description: 'Jump to the pane with that number in the tab strip',
    scope: 'global',
  },
  {
    // Enter opens a session's detail in the connections and locks panes; z zooms everywhere.
    command: 'pane.zoom',
    keys: ['z', 'enter'],
    description: 'Zoom the focused pane (again to restore)',
    scope: 'global',
    footer: 'zoom',
  },
  {
    command: 'refresh.pause',
    keys: ['space'],
    description: 'Pause or resume refreshing',
    scope: 'global',
    footer: 'pause',
  },
  {command: 'refresh.faster', keys: ['+'], description: 'Refresh more often', scope: 'global'},
  {command: 'refresh.slower', keys: ['-'], description: 'Refresh less often', scope: 'global'},
  {
    command: 'database.reconnect',
    keys: ['ctrl+r'],
    description: 'Reconnect to the database now, without waiting for the backoff',
    scope: 'global',
  },
  {
    command: 'command.open',
    keys: [':'],
    description: 'Open the command line',
    scope: 'global',
    footer: 'command',
  },
  {
    command: 'help.toggle',
    keys: ['?'],
    description: 'Show or hide this help',
    scope: 'global',
    footer: 'help',
  },
  {
    command: 'overlay.close',
    keys: ['escape'],
    description: 'Close the overlay or leave zoom',
    scope: 'global',
  },
  {
    command: 'runbook.open',
    keys: ['b'],
    description: 'Open a runbook (those suggested by active alerts first)',
    scope: 'global',
    footer: 'runbook',
  },
  {command: 'runbook.next', keys: ['down', 'j'], description: 'Next step', scope: 'pane:runbook'},
  {
    command: 'runbook.previous',
    keys: ['up', 'k'],
    description: 'Previous step',
    scope: 'pane:runbook',
  },
  {
    command: 'runbook.done',
    keys: ['d'],
    description: 'Mark the current step done',
    scope: 'pane:runbook',
    footer: 'done',
  },
  {
    command: 'runbook.skip',
    keys: ['s'],
    description: 'Skip the current step (asks for a reason)',
    scope: 'pane:runbook',
    footer: 'skip',
  },
  {
    command: 'runbook.fail',
    keys: ['f'],
    description: 'Mark the current step failed',
    scope: 'pane:runbook',
    footer: 'failed',
  },
  {
    command: 'runbook.run',
    keys: ['r'],
    description:
      'Run the chosen code block of the step (asks for placeholders; writes, dangerous SQL and commands need a typed confirmation)',
    scope: 'pane:runbook',
    footer: 'run',
  },
  {
    command: 'runbook.block.previous',
    keys: ['['],
    description: 'Choose the previous code block of the step',
    scope: 'pane:runbook',
    footer: false,
  },
  {
    command: 'runbook.block.next',
    keys: [']'],
    description: 'Choose the next code block of the step',
    scope: 'pane:runbook',
    footer: false,
  },
  {
    command: 'runbook.copy',
    keys: ['y'],
    description: 'Copy the chosen code block to the clipboard (OSC 52)',
    scope: 'pane:runbook',
    footer: 'copy',
  },
  {
    command: 'runbook.runPhaseReads',
    keys: ['a'],
    description: 'Run all read-only SQL steps of the current phase (one confirmation)',
    scope: 'pane:runbook',
    footer: 'run all reads',
  },
  {
    command: 'runbook.failurePolicy',
    keys: ['p'],
    description: 'Switch what run-all does after a failure: stop at the first, or run the rest',
    scope: 'pane:runbook',
    footer: false,
  },
  {command: 'runbook.close', keys: ['c'], description: 'Close the runbook', scope: 'pane:runbook'},
  {
    command: 'incident.note',
    keys: ['n'],
    description: 'Write a note (#tags in the text; @HH:MM first back-dates it)',
    scope: 'global',
    footer: 'note',
  },
  {
    command: 'incident.open',
    keys: ['o'],
    description: 'Open an incident (when none is open)',
    scope: 'global',
  },
  {
    command: 'incident.severity',
    keys: ['!'],
    description: 'Change the incident severity',
    scope: 'global',
  },
  {
    command: 'incident.status',
    keys: ['S'],
    description: 'Change the incident status',
    scope: 'global',
  },
  {
    command: 'incident.role',
    keys: ['R'],
    description: 'Assign a role: commander, scribe or liaison',
    scope: 'global',
  },
  {
    command: 'incident.milestone',
    keys: ['M'],
    description: 'Record a milestone: started, detected, acknowledged, mitigated, resolved',
    scope: 'global',
  },
  {
    command: 'incident.impact',
    keys: ['I'],
    description: 'State the impact on users',
    scope: 'global',
  },
  {
    command: 'incident.close',
    keys: ['x'],
    description: 'Close the incident and write the report',
    scope: 'global',
  },
  {
    command: 'timeline.filter',
    keys: ['f'],
    description: 'Filter: all, alerts, actions, notes, steps',
    scope: 'pane:timeline',
  },
  {
    command: 'timeline.older',
    keys: ['k', 'pageup'],
    description: 'Select older events (k one line, PgUp a page)',
    scope: 'pane:timeline',
    footer: 'older',
  },
  {
    command: 'timeline.newer',
    keys: ['j', 'pagedown'],
    description: 'Select newer events (j one line, PgDn a page)',
    scope: 'pane:timeline',
    footer: 'newer',
  },
  {
    command: 'timeline.oldest',
    keys: ['g', 'home'],
    description: 'Jump to the first event',
    scope: 'pane:timeline',
    footer: false,
  },
  {
    command: 'timeline.live',
    keys: ['G', 'end'],
    description: 'Follow the newest events again',
    scope: 'pane:timeline',
    footer: false,
  },
  {
    command: 'timeline.detail',
    keys: ['enter'],
    description: 'Show the selected event with all its data (SQL, outcome, rows changed)',
    scope: 'pane:timeline',
    footer: 'detail',
  },
  {
    command: 'app.quit',
    keys: ['q', 'ctrl+c'],
    description: 'Quit (the incident stays open)',
    scope: 'global',
    footer: 'quit',
  },
  ...sessionPaneBindings('connections'),
  {
    command: 'connections.groupBy',
    keys: ['g'],
    description:
      'Group sessions (application, user, client address, database, wait event type, then ungrouped); Enter opens a group',
    scope: 'pane:connections',
  },
  {
    command: 'connections.sort',
    keys: ['s'],
    description: 'Sort sessions on another column (transaction, query, idle time, pid, user, …)',
    scope: 'pane:connections',
  },
  {
    command: 'connections.filter',
    keys: ['/'],
    description: 'Filter sessions by any column (Enter keeps, Esc clears)',
    scope: 'pane:connections',
    footer: true,
  },
  ...sessionPaneBindings('locks'),
  {
    command: 'locks.terminateRoot',
    keys: ['T'],
    description: 'Terminate the root blocker of the selected chain',
    scope: 'pane:locks',
    dangerous: true,
    footer: 'terminate root',
  },
  ...applicationPaneBindings,
];

/**
 * Keys shared by the panes that list sessions. They win over the global ↑/↓ focus moves while
 * the pane has focus (Tab, ←, → still move focus), and Enter opens a detail instead of zooming.
 */
function sessionPaneBindings(paneId: string): KeyBinding[] {
  const scope: KeyScope = `pane:${paneId}`;
  return [
    {
      command: 'rows.up',
      keys: ['up', 'k'],
      description: 'Select the previous session',
      scope,
      footer: false,
    },
    {
      command: 'rows.down',
      keys: ['down', 'j'],
      description: 'Select the next session',
      scope,
      footer: false,
    },
    {
      command: 'rows.pageUp',
      keys: ['pageup'],
      description: 'Select a page up',
      scope,
      footer: false,
    },
    {
      command: 'rows.pageDown',
      keys: ['pagedown'],
      description: 'Select a page down',
      scope,
      footer: false,
    },
    {
      command: 'rows.first',
      keys: ['home'],
      description: 'Select the first session',
      scope,
      footer: false,
    },
    {
      command: 'rows.last',
      keys: ['end'],
      description: 'Select the last session',
      scope,
      footer: false,
    },
    {
      command: 'session.detail',
      keys: ['enter'],
      description: 'Show the selected session in full',
      scope,
      footer: true,
    },
    {
      command: 'session.mark',
      keys: ['m'],
      description: 'Mark or unmark the selected session (act on all marked)',
      scope,
      footer: true,
    },
    {
      command: 'session.copy',
      keys: ['y'],
      description: "Copy the selected session's query to the clipboard",
      scope,
      footer: true,
    },
    {
      command: 'session.cancel',
      keys: ['C'],
      description: 'Cancel the running query of the selected or marked sessions',
      scope,
      dangerous: true,
      footer: true,
    },
    {
      command: 'session.terminate',
      keys: ['K'],
      description:
        "Terminate the selected or marked sessions (on a group row: the group's sessions idle longer than N minutes)",
      scope,
      dangerous: true,
      footer: true,
    },
  ];
}

/**
 * Commands a join view never binds: they change the host's incident, runbook or refresh, which
 * a viewer only watches. `incident.note` stays when the host allows viewers' notes.
 */
export const viewerUnboundCommands: ReadonlySet<string> = new Set([
  'refresh.pause',
  'refresh.faster',
  'refresh.slower',
  'runbook.open',
  'runbook.done',
  'runbook.skip',
  'runbook.fail',
  'runbook.run',
  'runbook.runPhaseReads',
  'runbook.failurePolicy',
  'runbook.close',
  'incident.note',
  'incident.open',
  'incident.severity',
  'incident.status',
  'incident.role',
  'incident.milestone',
  'incident.impact',
  'incident.close',
]);

/**
 * The bindings in force: dangerous ones are left out entirely under `--read-only`; a join view
 * (`{viewer: true}`) also loses every command of {@link viewerUnboundCommands}.
 */
export function activeBindings(
  readOnly: boolean | {viewer: true; notes: boolean},
  table: readonly KeyBinding[] = keyBindings,
): KeyBinding[] {
  const viewer = typeof readOnly === 'object' ? readOnly : undefined;
  return table.filter((binding) => {
    if (readOnly && binding.dangerous) return false;
    if (!viewer || !viewerUnboundCommands.has(binding.command)) return true;
    return viewer.notes && binding.command === 'incident.note';
  });
}

/**
 * The write a key would have done for the focused pane if `--read-only` had not removed it,
 * so the footer can say why nothing happened.
 */
export function writeRefusedInReadOnly(
  keyName: string,
  focusedPaneId: string,
  table: readonly KeyBinding[] = keyBindings,
): KeyBinding | undefined {
  return table.find(
    (binding) =>
      binding.dangerous &&
      binding.keys.includes(keyName) &&
      (binding.scope === 'global' || binding.scope === `pane:${focusedPaneId}`),
  );
}

/** Ink's key flags, as far as naming a key needs them. */
export type InkKey = {
  upArrow?: boolean;
  downArrow?: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  home?: boolean;
  end?: boolean;
  return?: boolean;
  escape?: boolean;
  ctrl?: boolean;
  shift?: boolean;
  tab?: boolean;
  backspace?: boolean;
  delete?: boolean;
};

// Control characters as they appear inside a multi-key chunk, where Ink sets no key flags.
const chunkKeyNames: Record<string, string> = {
  ' ': 'space',
  '\t': 'tab',
  '\r': 'enter',
  '\n': 'enter',
  '\u007f': 'backspace',
  '\b': 'backspace',
};

/**
 * Key names for one `useInput` call. Several characters can arrive in one chunk (a held key,
 * or tmux `send-keys j j j`), so plain input yields one name per character.
 */
export function keyNamesOf(input: string, key: InkKey): string[] {
  if (key.upArrow) return ['up'];
  if (key.downArrow) return ['down'];
  if (key.leftArrow) return ['left'];
  if (key.rightArrow) return ['right'];
  if (key.pageUp) return ['pageup'];
  if (key.pageDown) return ['pagedown'];
  if (key.home) return ['home'];
  if (key.end) return ['end'];
  if (key.tab) return [key.shift ? 'shift+tab' : 'tab'];
  if (key.return) return ['enter'];
  if (key.escape) return ['escape'];
  if (key.backspace || key.delete) return ['backspace'];
  if (key.ctrl && input) return [`ctrl+${input.toLowerCase()}`];
  // A chunk can also carry Enter or Backspace after typed text ("fix\r" from a fast typist or tmux).
  return Array.from(input).map((character) => chunkKeyNames[character] ?? character);
}

/** The command bound to `keyName` for the focused pane: pane bindings win over global ones. */
export function commandForKey(
  keyName: string,
  focusedPaneId: string,
  bindings: readonly KeyBinding[],
): string | undefined {
  const paneScope = `pane:${focusedPaneId}`;
  const paneBinding = bindings.find(
    (binding) => binding.scope === paneScope && binding.keys.includes(keyName),
  );
  if (paneBinding) return paneBinding.command;
  return bindings.find((binding) => binding.scope === 'global' && binding.keys.includes(keyName))
    ?.command;
}

/** True when `command` is one of the pane's own (bound in its scope), not a screen command. */
export function isPaneCommand(
  command: string | undefined,
  paneId: string,
  bindings: readonly KeyBinding[],
): command is string {
  const scope = `pane:${paneId}`;
  return (
    command !== undefined &&
    bindings.some((binding) => binding.command === command && binding.scope === scope)
  );
}

/** How a key name is printed in the footer, help and README. */
export function displayKey(keyName: string): string {
  const names: Record<string, string> = {
    tab: 'Tab',
    'shift+tab': 'Shift-Tab',
    enter: 'Enter',
    escape: 'Esc',
    space: 'Space',
    up: '↑',
    down: '↓',
    left: '←',
    right: '→',
    pageup: 'PgUp',
    pagedown: 'PgDn',
    backspace: 'Backspace',
  };
  if (names[keyName]) return names[keyName];
  if (keyName.startsWith('ctrl+')) return `Ctrl-${keyName.slice(5).toUpperCase()}`;
  return keyName;
}

/** The keys of a binding as printed: a run of digits shows as `1–8`. */
export function displayKeys(keys: readonly string[]): string {
  const digits = keys.every((key) => /^\d$/.test(key));
  if (digits && keys.length > 2) return `${keys[0]}–${keys[keys.length - 1]}`;
  return keys.map(displayKey).join(', ');
}
