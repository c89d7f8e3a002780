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
  /** Shown in the footer when there is room. */
  footer?: boolean;
};

/** The key table. */
export const keyBindings: readonly KeyBinding[] = [
  {
    command: 'focus.next',
    keys: ['tab'],
    description: 'Focus the next pane',
    scope: 'global',
    footer: true,
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
    command: 'pane.zoom',
    keys: ['enter'],
    description: 'Zoom the focused pane (again to restore)',
    scope: 'global',
    footer: true,
  },
  {
    command: 'refresh.pause',
    keys: ['space'],
    description: 'Pause or resume refreshing',
    scope: 'global',
    footer: true,
  },
  {command: 'refresh.faster', keys: ['+'], description: 'Refresh more often', scope: 'global'},
  {command: 'refresh.slower', keys: ['-'], description: 'Refresh less often', scope: 'global'},
  {
    command: 'command.open',
    keys: [':'],
    description: 'Open the command line',
    scope: 'global',
    footer: true,
  },
  {
    command: 'help.toggle',
    keys: ['?'],
    description: 'Show or hide this help',
    scope: 'global',
    footer: true,
  },
  {
    command: 'overlay.close',
    keys: ['escape'],
    description: 'Close the overlay or leave zoom',
    scope: 'global',
  },
  {
    command: 'incident.note',
    keys: ['n'],
    description: 'Write a note (#tags in the text; @HH:MM first back-dates it)',
    scope: 'global',
    footer: true,
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
    keys: ['s'],
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
    keys: ['m'],
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
    description: 'Scroll to older events (k one line, PgUp a page)',
    scope: 'pane:timeline',
  },
  {
    command: 'timeline.newer',
    keys: ['j', 'pagedown'],
    description: 'Scroll to newer events (j one line, PgDn a page)',
    scope: 'pane:timeline',
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
    command: 'app.quit',
    keys: ['q', 'ctrl+c'],
    description: 'Quit (the incident stays open)',
    scope: 'global',
    footer: true,
  },
];

/** The bindings in force: dangerous ones are left out entirely under `--read-only`. */
export function activeBindings(
  readOnly: boolean,
  table: readonly KeyBinding[] = keyBindings,
): KeyBinding[] {
  return table.filter((binding) => !(readOnly && binding.dangerous));
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

const chunkKeyNames: Record<string, string> = {
  ' ': 'space',
  '\r': 'enter',
  '\n': 'enter',
  '\u007f': 'backspace',
  '\b': 'backspace',
};

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
