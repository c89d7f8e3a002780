import module from 'node:module';
import meow from 'meow';
import {guardOutput} from './app/standard-output';
import {refreshSecondsFrom, screenFlags} from './commands/shared-flags';
import {scenarios} from './demo/scenarios/scenario-catalog';
import {describeError, UsageError} from './errors';
import {sanitizeTerminalText} from './text/sanitize-terminal-text';

// V8 keeps the compiled bundle on disk between launches (Node 22.1+); the commands below are
// imported after this call, so their chunks — most of the code — are cached.
module.enableCompileCache?.();

// Each command is loaded only when it runs: start-up compiles just what the cockpit needs.
const help = `
  Usage
    $ cockpit [--db URL] [--config FILE] [--new TITLE] [--severity P0..P3] [--read-only]
              [--refresh SECONDS] [--local-time] [--runbooks PATH]... [--present]
              [--share [HOST:]PORT [--share-token-file FILE] [--share-public] [--share-max N]
               [--share-redact] [--share-notes]]
    $ cockpit demo [--scenario NAME]
    $ cockpit join URL [--token TOKEN | --token-file FILE] [--name NAME]
    $ cockpit probe [--db URL] [--json]
    $ cockpit note TEXT [--tag TAG] [--at HH:MM]
    $ cockpit incidents ls [--json] | show ID | export ID [--format md|json] [--out FILE]
    $ cockpit runbooks lint|show [PATH...] [--json] [--config FILE]
    $ cockpit runbooks check [--db URL] [PATH...] [--config FILE]

  Commands
    (none)     the full-screen cockpit on --db, DATABASE_URL or the config file's database;
               with no database configured, the demo
    demo       the cockpit on an embedded PostgreSQL playing a scripted incident
    join       a read-only view of a cockpit started with --share, with its own focus and scroll
    probe      one snapshot of every pane, as text or --json, then exit (no demo fallback)
    note       append a note to the open incident (from any shell; the cockpit shows it)
    incidents  list, show or export incidents (Markdown report or JSON)
    runbooks   lint: check runbooks (exit 1 on errors); show: print their outline, or with
               --json their parsed model; check: EXPLAIN every SQL block on the live schema.
               PATH: files or folders (default: the library and the config's runbooks.paths)

  Options
    --db URL             database to watch (postgres://user:password@host:5432/db;
                         Supabase pooler: port 6543)
    --config FILE        configuration file (default: ./cockpit.config.json|yaml, then
                         $XDG_CONFIG_HOME/incident-cockpit/)
    --read-only          remove every action that changes the database
    --runbooks PATH      a file or folder of your own runbooks, beside the library (repeatable)
    --refresh SECONDS    refresh interval, 0.5 to 10 (default 2)
    --new TITLE          open a new incident (the open one is resumed otherwise)
    --severity P0..P3    severity of the new incident (default P2)
    --local-time         show times in the local zone instead of UTC (or COCKPIT_TIME=local)
    --tag TAG            tag a note: rootcause, impact, fix, followup, decision (repeatable)
    --at HH:MM           when the noted thing happened, if earlier (today, else yesterday)
    --json               cockpit probe, runbooks and incidents ls: print JSON
    --format md|json     incidents export format (default md)
    --out FILE           write the export to FILE instead of standard output
    --share [HOST:]PORT  let others watch read-only (default 127.0.0.1 and a free port);
                         prints the cockpit join command once
    --share-token-file FILE  the share token from FILE (never printed) instead of a random one
    --share-public       allow a non-loopback --share address (unencrypted: prefer ssh -L)
    --share-max N        most viewers at once (default 20)
    --share-redact       mask customer data (emails, query literals, payloads) for viewers
    --share-notes        let viewers add timeline notes with n
    --present            mask customer data on this screen too (:present toggles), for a
                         screen shared on a call
    --token TOKEN        cockpit join: the share token (or --token-file FILE, COCKPIT_SHARE_TOKEN)
    --name NAME          cockpit join: the name the host lists you under
    --scenario NAME      demo scenario: ${scenarios.map((scenario) => scenario.name).join(', ')}
    --help, --version

  Environment
    DATABASE_URL, libpq's PGHOST, PGPORT, PGUSER, PGDATABASE, PGPASSWORD, PGSSLMODE,
    PGSERVICE (~/.pg_service.conf), PGPASSFILE (~/.pgpass), SUPABASE_SERVICE_ROLE_KEY, COCKPIT_SHARE_TOKEN (cockpit join), COCKPIT_HOME (incident journals; default
    $XDG_STATE_HOME/incident-cockpit), COCKPIT_TIME=local, NO_COLOR.
    Flags beat environment, environment beats the config file.

  Exit codes: 0 ok, 1 runtime failure, 2 usage or configuration error.
`;

const commandNames = new Set(['demo', 'probe', 'runbooks', 'note', 'incidents', 'join']);

const shareFlagNames = [
  'share',
  'shareTokenFile',
  'sharePublic',
  'shareMax',
  'shareRedact',
  'shareNotes',
  'present',
];

/** Flags each command accepts beyond --help and --version. */
const flagsOf: Record<string, readonly string[]> = {
  run: [
    'config',
    'readOnly',
    'refresh',
    'db',
    'new',
    'severity',
    'localTime',
    'runbooks',
    ...shareFlagNames,
  ],
  demo: [
    'config',
    'readOnly',
    'refresh',
    'scenario',
    'new',
    'severity',
    'localTime',
    'runbooks',
    ...shareFlagNames,
  ],
  join: ['token', 'tokenFile', 'name'],
  note: ['tag', 'at', 'localTime', 'config'],
  probe: ['db', 'json', 'config'],
  runbooks: ['json', 'config', 'db'],
  incidents: ['json', 'format', 'out', 'localTime', 'config'],
};

const flags = {
  ...screenFlags,
  db: {type: 'string'},
  scenario: {type: 'string'},
  new: {type: 'string'},
  severity: {type: 'string'},
  localTime: {type: 'boolean', default: false},
  tag: {type: 'string', isMultiple: true},
  at: {type: 'string'},
  json: {type: 'boolean', default: false},
  format: {type: 'string'},
  out: {type: 'string'},
  runbooks: {type: 'string', isMultiple: true},
  share: {type: 'string'},
  shareTokenFile: {type: 'string'},
  sharePublic: {type: 'boolean', default: false},
  shareMax: {type: 'number'},
  shareRedact: {type: 'boolean', default: false},
  shareNotes: {type: 'boolean', default: false},
  present: {type: 'boolean', default: false},
  token: {type: 'string'},
  tokenFile: {type: 'string'},
  name: {type: 'string'},
} as const;

const kebab = (name: string) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

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
    throw new UsageError(
      `unknown flag --${kebab(unknown[0]!)}`,
      'run cockpit --help for the flags',
    );
  }
  const allowed = flagsOf[command ?? 'run']!;
  const given = Object.keys(cli.flags).filter(
    (name) => name in flags && argv.some((arg) => arg.startsWith(`--${kebab(name)}`)),
  );
  const misplaced = given.find((name) => !allowed.includes(name));
  if (misplaced) {
    throw new UsageError(
      `--${kebab(misplaced)} does not belong to cockpit${command ? ` ${command}` : ''}`,
      'run cockpit --help for the flags',
    );
  }
  if (command === 'note') {
    const {runNote} = await import('./commands/note-command');
    return runNote({
      text: cli.input.join(' '),
      tags: cli.flags.tag ?? [],
      at: cli.flags.at,
      localTime: cli.flags.localTime,
      config: cli.flags.config,
    });
  }
  if (command === 'incidents') {
    const {runIncidents} = await import('./commands/incidents-command');
    return runIncidents({
      subcommand: cli.input[0],
      id: cli.input[1],
      json: cli.flags.json,
      format: cli.flags.format,
      out: cli.flags.out,
      localTime: cli.flags.localTime,
      config: cli.flags.config,
    });
  }
  if (command === 'join') {
    const {runJoin} = await import('./commands/join-command');
    return runJoin({
      url: cli.input[0],
      token: cli.flags.token,
      tokenFile: cli.flags.tokenFile,
      name: cli.flags.name,
    });
  }
  const share = {
    share: cli.flags.share,
    shareTokenFile: cli.flags.shareTokenFile,
    sharePublic: cli.flags.sharePublic,
    shareMax: cli.flags.shareMax,
    shareRedact: cli.flags.shareRedact,
    shareNotes: cli.flags.shareNotes,
  };
  if (command === undefined && cli.input.length > 0) {
    throw new UsageError(
      `unknown command "${cli.input[0]}"`,
      'run cockpit --help for the commands',
    );
  }
  if (command === 'runbooks') {
    const [action, ...paths] = cli.input;
    const {runRunbooksCommand} = await import('./commands/runbooks-command');
    return runRunbooksCommand({
      action,
      paths,
      json: cli.flags.json,
      config: cli.flags.config,
      db: cli.flags.db,
    });
  }
  if (command === 'probe') {
    const {runProbeCommand} = await import('./commands/probe-command');
    return runProbeCommand({db: cli.flags.db, config: cli.flags.config, json: cli.flags.json});
  }
  if (command === 'demo') {
    if (cli.flags.db)
      throw new UsageError(
        'cockpit demo runs its own database; drop --db',
        'or run cockpit --db URL',
      );
    const {runDemo} = await import('./commands/demo-command');
    return runDemo({
      runbookPaths: cli.flags.runbooks,
      scenario: cli.flags.scenario,
      readOnly: cli.flags.readOnly,
      refreshSeconds: refreshSecondsFrom(cli.flags.refresh, undefined),
      incident: {
        newTitle: cli.flags.new,
        severity: cli.flags.severity,
        localTime: cli.flags.localTime,
      },
      share,
      present: cli.flags.present,
    });
  }
  const {runCockpit} = await import('./commands/run-command');
  return runCockpit({
    runbooks: cli.flags.runbooks,
    db: cli.flags.db,
    config: cli.flags.config,
    readOnly: cli.flags.readOnly,
    refresh: cli.flags.refresh,
    incident: {
      newTitle: cli.flags.new,
      severity: cli.flags.severity,
      localTime: cli.flags.localTime,
    },
    share,
    present: cli.flags.present,
  });
}

const output = guardOutput();

/** Exits once all output has reached its reader; non-zero when some of it could not. */
async function exitAfterOutput(code: number): Promise<never> {
  const complete = await output.flush();
  process.exit(complete ? code : code || 1);
}

main(process.argv.slice(2)).then(
  (code) => exitAfterOutput(code),
  (error: unknown) => {
    if (error instanceof UsageError || (error instanceof Error && error.name === 'CockpitError')) {
      process.stderr.write(`cockpit: ${describeError(error)}\n`);
      return exitAfterOutput((error as UsageError).exitCode);
    }
    // A bug: keep the stack for the report, but nothing in it may drive the terminal.
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(
      `cockpit: ${sanitizeTerminalText(text, {multiline: true, maxLength: 20_000})}\n`,
    );
    return exitAfterOutput(1);
  },
);
