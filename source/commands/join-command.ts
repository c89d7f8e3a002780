import {readFileSync} from 'node:fs';
import {userInfo} from 'node:os';
import {runFullScreen} from '../app/run-full-screen';
import {resolveApplicationSettings} from '../config/application-settings';
import {CockpitError, UsageError} from '../errors';
import type {IncidentActions} from '../incidents/incident-actions';
import {ShareClient} from '../share/share-client';
import {createCockpitStore} from '../store/cockpit-store';
import {requireTerminal} from '../terminal/require-terminal';
import {osc52Sequence} from '../ui/clipboard';

/** Flags of `cockpit join`. */
export type JoinFlags = {
  url: string | undefined;
  token?: string;
  tokenFile?: string;
  name?: string;
};

const readOnlyView = 'this is a read-only view of the host';

/** The token from `--token`, `--token-file` or `COCKPIT_SHARE_TOKEN`, in that order. */
export function joinTokenFrom(flags: JoinFlags, environment: NodeJS.ProcessEnv): string {
  if (flags.token) return flags.token.trim();
  if (flags.tokenFile) {
    try {
      return readFileSync(flags.tokenFile, 'utf8').split(/\r?\n/)[0]!.trim();
    } catch (error) {
      throw new UsageError(
        `--token-file: cannot read ${flags.tokenFile} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`,
      );
    }
  }
  const fromEnvironment = environment.COCKPIT_SHARE_TOKEN?.trim();
  if (fromEnvironment) return fromEnvironment;
  throw new UsageError(
    'cockpit join needs the share token',
    'pass --token TOKEN, --token-file FILE or set COCKPIT_SHARE_TOKEN (the host printed it)',
  );
}

/**
 * `cockpit join URL`: the host's cockpit, read-only, from a local store kept equal to the
 * host's shared state. Focus, zoom, scroll, filters, sort and help are this terminal's own.
 */
export async function runJoin(
  flags: JoinFlags,
  environment: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  if (!flags.url) throw new UsageError('cockpit join needs the URL the host printed (ws://…)');
  if (!/^wss?:\/\//.test(flags.url))
    throw new UsageError(`cockpit join: "${flags.url}" is not a ws:// URL`);
  const token = joinTokenFrom(flags, environment);
  const name = (flags.name ?? safeUserName()).slice(0, 40);
  requireTerminal();
  const store = createCockpitStore({databaseLabel: `viewing ${flags.url}`, readOnly: true});
  let fatal: string | undefined;
  let quit: (() => void) | undefined;
  const client = new ShareClient({
    url: flags.url,
    token,
    name,
    store,
    onFatal: (message) => {
      fatal = message;
      quit?.();
    },
  });
  const info = await client.start();
  store.getState().updateUi({readOnly: {viewer: true, notes: info.notes}});
  const refuse = async (): Promise<string> => {
    throw new CockpitError(readOnlyView);
  };
  const incident: IncidentActions | undefined = info.notes
    ? {
        open: refuse,
        note: async (text) =>
          client.sendNote(text) ? 'note sent to the host' : 'not connected: note not sent',
        setSeverity: refuse,
        setStatus: refuse,
        assignRole: refuse,
        setImpact: refuse,
        markMilestone: refuse,
        close: refuse,
      }
    : undefined;
  const exitCode = await runFullScreen({
    store,
    // The host's table names stay on the host; the panes only need the defaults to draw.
    application: resolveApplicationSettings(),
    actions: {
      setPaused: () => undefined,
      setRefreshSeconds: () => undefined,
      recordEvent: async () => {
        throw new CockpitError(readOnlyView);
      },
      runDatabaseAction: async () => ({ok: false, text: readOnlyView}),
      recordCancelledAction: () => undefined,
      copyToClipboard: (text) => void process.stdout.write(osc52Sequence(text).sequence),
      incident,
      runRunbookSql: async () => ({kind: 'failed', error: readOnlyView}),
      runShellStep: async () => ({kind: 'refused', reason: readOnlyView}),
      runRunbookReads: async () => [],
    },
    onQuit: (quitNow) => {
      quit = quitNow;
    },
    shutdown: async () => client.stop(),
  });
  if (fatal) {
    process.stderr.write(`cockpit: ${fatal}\n`);
    return 1;
  }
  return exitCode;
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'viewer';
  }
}
