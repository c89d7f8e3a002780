import {describeViewers} from '../../share/share-header';
import type {CockpitStore} from '../../store/cockpit-store';
import {allRegions, findRegion} from '../panes/pane-registry';

/** What a `:` command may touch. */
export type PaletteContext = {
  focus: (regionId: string) => void;
  toggleHelp: () => void;
  quit: () => void;
  /** Opens the runbook that best matches `query`; returns the message to show. */
  openRunbook: (query: string) => string;
  /** The store, for commands that read or switch sharing state (`:viewers`, `:present`). */
  store?: CockpitStore;
  /** Retries the database connection now; returns the message to show. */
  reconnect?: () => string;
  /** Keeps the open incident of another database (`:resume`); returns the message to show. */
  resumeIncident?: () => string;
};

/** A command of the `:` line. */
export type PaletteCommand = {
  name: string;
  usage: string;
  description: string;
  /** Completions for the argument typed so far. */
  complete?: (argument: string) => string[];
  /** Runs the command; returns the one-line message to show. */
  run: (argument: string, context: PaletteContext) => string;
};

const regionNames = () => allRegions.map((region) => region.id);

/** The `:` commands. Later features add theirs here. */
export const paletteCommands: readonly PaletteCommand[] = [
  {
    name: 'pane',
    usage: 'pane NAME',
    description: 'Jump to a pane or region by name',
    complete: (argument) => regionNames().filter((name) => name.startsWith(argument.toLowerCase())),
    run: (argument, context) => {
      const region = findRegion(argument);
      if (!region) return `no pane called "${argument}" (try: ${regionNames().join(', ')})`;
      context.focus(region.id);
      return `focused ${region.title}`;
    },
  },
  {
    name: 'runbook',
    usage: 'runbook NAME',
    description: 'Open the runbook that best matches NAME (fuzzy, over titles, ids, incidents)',
    run: (argument, context) => context.openRunbook(argument),
  },
  {
    name: 'viewers',
    usage: 'viewers',
    description: 'List who watches this cockpit (cockpit --share), from where, and refusals',
    run: (_argument, context) =>
      context.store ? describeViewers(context.store.getState().share) : 'not sharing',
  },
  {
    name: 'present',
    usage: 'present',
    description: 'Mask customer data on this screen for a shared call (again to stop)',
    run: (_argument, context) => {
      if (!context.store) return 'cannot switch presenting here';
      const presenting = !context.store.getState().share.presenting;
      context.store.getState().updateShare({presenting});
      return presenting
        ? 'presenting: emails, query literals and payload values are masked'
        : 'presenting off: customer data shown again';
    },
  },
  {
    name: 'reconnect',
    usage: 'reconnect',
    description: 'Reconnect to the database now, without waiting for the backoff',
    run: (_argument, context) => context.reconnect?.() ?? 'nothing to reconnect',
  },
  {
    name: 'resume',
    usage: 'resume',
    description: 'Keep the open incident that was opened against another database',
    run: (_argument, context) => context.resumeIncident?.() ?? 'nothing to resume',
  },
  {
    name: 'help',
    usage: 'help',
    description: 'Show the key help',
    run: (_argument, context) => {
      context.toggleHelp();
      return '';
    },
  },
  {
    name: 'quit',
    usage: 'quit',
    description: 'Quit the cockpit',
    run: (_argument, context) => {
      context.quit();
      return '';
    },
  },
];

/** Runs a line typed at `:`. A bare pane name jumps to that pane. */
export function runPaletteLine(
  line: string,
  context: PaletteContext,
  commands = paletteCommands,
): string {
  const trimmed = line.trim();
  if (!trimmed) return '';
  const [name = '', ...rest] = trimmed.split(/\s+/);
  const command = commands.find((candidate) => candidate.name === name.toLowerCase());
  if (command) return command.run(rest.join(' '), context);
  if (findRegion(trimmed))
    return commands.find((candidate) => candidate.name === 'pane')!.run(trimmed, context);
  return `unknown command "${name}" (try: ${commands.map((candidate) => candidate.name).join(', ')}, or a pane name)`;
}

/** Completions for a partly typed line: command names first, then arguments, then pane names. */
export function completePaletteLine(line: string, commands = paletteCommands): string[] {
  const spaceAt = line.indexOf(' ');
  if (spaceAt < 0) {
    const prefix = line.toLowerCase();
    const names = [...commands.map((command) => command.name), ...regionNames()];
    return [...new Set(names.filter((name) => name.startsWith(prefix)))];
  }
  const command = commands.find(
    (candidate) => candidate.name === line.slice(0, spaceAt).toLowerCase(),
  );
  const argument = line.slice(spaceAt + 1);
  return (command?.complete?.(argument) ?? []).map(
    (completion) => `${command!.name} ${completion}`,
  );
}
