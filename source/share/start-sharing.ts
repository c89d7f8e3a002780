import {hostname} from 'node:os';
import {UsageError} from '../errors';
import type {CockpitStore} from '../store/cockpit-store';
import type {TimelineEventInput} from '../timeline/timeline-sink';
import {ShareHost} from './share-host';
import type {ShareLimits} from './share-limits';
import {joinCommandOf, type ShareSetup} from './share-setup';
import {createWsShareTransport} from './ws-transport';

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
