import meow from 'meow';
import {runDemo} from './commands/demo-command';
import {runProbeCommand} from './commands/probe-command';
import {runCockpit} from './commands/run-command';
import {runRunbooksCommand} from './commands/runbooks-command';
import {refreshSecondsFrom, screenFlags} from './commands/shared-flags';
import {scenarios} from './demo/scenarios/scenario-catalog';
import {describeError, UsageError} from './errors';

const help = `
  Usage
    $ cockpit [--db URL] [--config FILE] [--read-only] [--refresh SECONDS]
    $ cockpit demo [--scenario NAME]
    $ cockpit probe [--db URL] [--json]
    $ cockpit runbooks lint|show [PATH...] [--json]

  Commands
    (none)     the full-screen cockpit on --db, DATABASE_URL or the config file's database;
               with no database configured, the demo
    demo       the cockpit on an embedded PostgreSQL playing a scripted incident
    probe      one snapshot of every pane, as text or --json, then exit (no demo fallback)
    runbooks   lint: check runbooks (exit 1 on errors); show: print their outline, or with
               --json their parsed model. PATH: files or folders (default: the built-in library)

  Options
    --db URL             database to watch (postgres://user:password@host:5432/db;
                         Supabase pooler: port 6543)
    --config FILE        configuration file (default: ./cockpit.config.json|yaml, then
                         $XDG_CONFIG_HOME/incident-cockpit/)
    --read-only          remove every action that changes the database
    --refresh SECONDS    refresh interval, 0.5 to 10 (default 2)
    --json               cockpit probe and cockpit runbooks: print JSON
    --scenario NAME      demo scenario: ${scenarios.map((scenario) => scenario.name).join(', ')}
    --help, --version

  Environment
    DATABASE_URL, NO_COLOR. Flags beat environment, environment beats the config file.

  Exit codes: 0 ok, 1 runtime failure, 2 usage or configuration error.
`;

const commandNames = new Set(['demo', 'probe', 'runbooks']);

const flags = {
  ...screenFlags,
  db: {type: 'string'},
  scenario: {type: 'string'},
  json: {type: 'boolean', default: false},
} as const;

async function main(argv: string[]): Promise<number> {
  const command = argv[0] && commandNames.has(argv[0]) ? argv[0] : undefined;
  const cli = meow(help, {
    importMeta: import.meta,
    argv: command ? argv.slice(1) : argv,
    // Unknown flags are reported below in one line (meow's own message spans two).
    allowUnknownFlags: true,
    flags,
  });
  const unknown = Object.keys(cli.flags).filter((name) => !(name in flags));
  if (unknown.length > 0) {
    const name = unknown[0]!.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
    throw new UsageError(`unknown flag --${name}`, 'run cockpit --help for the flags');
  }
  if (command === undefined && cli.input.length > 0) {
    throw new UsageError(
      `unknown command "${cli.input[0]}"`,
      'run cockpit --help for the commands',
    );
  }
  if (command === 'runbooks') {
    const [action, ...paths] = cli.input;
    return runRunbooksCommand({action, paths, json: cli.flags.json});
  }
  if (cli.flags.json && command !== 'probe')
    throw new UsageError(
      '--json belongs to cockpit probe and cockpit runbooks',
      'run cockpit probe --json',
    );
  if (command === 'probe') {
    if (cli.flags.scenario) throw new UsageError('--scenario belongs to cockpit demo');
    return runProbeCommand({db: cli.flags.db, config: cli.flags.config, json: cli.flags.json});
  }
  if (command === 'demo') {
    if (cli.flags.db)
      throw new UsageError(
        'cockpit demo runs its own database; drop --db',
        'or run cockpit --db URL',
      );
    return runDemo({
      scenario: cli.flags.scenario,
      readOnly: cli.flags.readOnly,
      refreshSeconds: refreshSecondsFrom(cli.flags.refresh, undefined),
    });
  }
  if (cli.flags.scenario)
    throw new UsageError('--scenario belongs to cockpit demo', 'run cockpit demo --scenario NAME');
  return runCockpit({
    db: cli.flags.db,
    config: cli.flags.config,
    readOnly: cli.flags.readOnly,
    refresh: cli.flags.refresh,
  });
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError || (error instanceof Error && error.name === 'CockpitError')) {
      process.stderr.write(`cockpit: ${describeError(error)}\n`);
      process.exit((error as UsageError).exitCode);
    }
    process.stderr.write(
      `cockpit: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
