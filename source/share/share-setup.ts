import {UsageError} from '../errors';
import {isLoopback, parseShareAddress, type ShareAddress} from './share-address';
import {generateShareToken, readShareTokenFile} from './share-token';

// The flags are checked before the cockpit starts; the server and its protocol are loaded only
// when sharing starts, so a cockpit that does not share never loads them.

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
