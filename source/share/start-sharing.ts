import {hostname} from 'node:os';
import {UsageError} from '../errors';
import type {CockpitStore} from '../store/cockpit-store';
import type {TimelineEventInput} from '../timeline/timeline-sink';
import {isLoopback, parseShareAddress, type ShareAddress} from './share-address';
import {ShareHost} from './share-host';
import type {ShareLimits} from './share-limits';
import {generateShareToken, readShareTokenFile} from './share-token';
import {createWsShareTransport} from './ws-transport';

/** The `--share*` flags as given. */
export type ShareFlags = {
  /** `--share [HOST:]PORT`; an empty string for bare `--share`. */
  share?: string;
  shareTokenFile?: string;
  sharePublic?: boolean;
  shareMax?: number;
  shareRedact?: boolean;
  shareNotes?: boolean;
};

/** Validated sharing settings. */
export type ShareSetup = {
  address: ShareAddress;
  token: string;
  /** Set when the token came from `--share-token-file`: it is then never printed. */
  tokenFile: string | undefined;
  publicAddress: boolean;
  maxViewers: number;
  redact: boolean;
  notes: boolean;
};

/** Checks the `--share*` flags; undefined when sharing was not asked for. */
export function shareSetupFrom(flags: ShareFlags): ShareSetup | undefined {
  const others = flags.shareTokenFile || flags.sharePublic || flags.shareMax !== undefined;
  if (flags.share === undefined) {
    if (others || flags.shareRedact || flags.shareNotes)
      throw new UsageError('the --share-* flags need --share [HOST:]PORT');
    return undefined;
  }
  const address = parseShareAddress(flags.share);
  if (!isLoopback(address.host) && !flags.sharePublic)
    throw new UsageError(
      `--share ${address.host}: binding beyond this machine needs --share-public`,
      'or keep 127.0.0.1 and let viewers use ssh -L (see the README)',
    );
  const maxViewers = flags.shareMax ?? 20;
  if (!Number.isInteger(maxViewers) || maxViewers < 1 || maxViewers > 500)
    throw new UsageError(`--share-max must be a whole number from 1 to 500 (got ${maxViewers})`);
  return {
    address,
    token: flags.shareTokenFile
      ? readShareTokenFile(flags.shareTokenFile, '--share-token-file')
      : generateShareToken(),
    tokenFile: flags.shareTokenFile,
    publicAddress: !isLoopback(address.host),
    maxViewers,
    redact: flags.shareRedact === true,
    notes: flags.shareNotes === true,
  };
}

/** The join command as the host prints it; a token from a file is never printed. */
export function joinCommandOf(url: string, setup: Pick<ShareSetup, 'token' | 'tokenFile'>): string {
  return setup.tokenFile
    ? `cockpit join ${url} --token-file ${setup.tokenFile}`
    : `cockpit join ${url} --token ${setup.token}`;
}

/** Starts the share server beside a running cockpit and says on its screen how to join. */
export async function startSharing(options: {
  store: CockpitStore;
  setup: ShareSetup;
  knownSecrets: readonly string[];
  record: (event: TimelineEventInput) => Promise<void>;
  limits?: Partial<ShareLimits>;
}): Promise<ShareHost> {
  const {store, setup} = options;
  const host = new ShareHost({
    store,
    transport: createWsShareTransport({
      ...setup.address,
      // Room for viewers still saying hello, without letting a crowd of idle sockets in.
      maxConnections: setup.maxViewers * 2 + 10,
    }),
    token: setup.token,
    cleaning: {
      knownSecrets: [...options.knownSecrets, setup.token],
      maskCustomerData: setup.redact,
    },
    info: {host: hostname(), database: store.getState().database.label},
    notes: setup.notes,
    record: options.record,
    joinCommand: (url) => joinCommandOf(url, setup),
    limits: {maxViewers: setup.maxViewers, ...options.limits},
  });
  let url: string;
  try {
    url = await host.start();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      `--share: cannot listen on ${setup.address.host}:${setup.address.port} (${code ?? (error as Error).message})`,
      code === 'EADDRINUSE'
        ? 'choose another port, or --share with no port for a free one'
        : undefined,
    );
  }
  const join = joinCommandOf(url, setup);
  // On screen only: the journal and the report must not keep a live token.
  const lines = [`sharing: ${join}`];
  if (setup.publicAddress)
    lines.push(
      `warning: sharing on ${setup.address.host} is unencrypted — anyone on the network path can read this incident; prefer 127.0.0.1 and ssh -L`,
    );
  store.getState().appendTimeline(
    lines.map((text, index) => ({
      id: `share-${Date.now()}-${index}`,
      at: Date.now(),
      kind: 'share',
      actor: 'cockpit',
      text,
    })),
  );
  store.getState().updateUi({message: lines.at(-1)});
  return host;
}
