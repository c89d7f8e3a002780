import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {isLoopback, parseShareAddress} from '../../source/share/share-address';
import {joinCommandOf, shareSetupFrom} from '../../source/share/share-setup';
import {generateShareToken, tokensMatch} from '../../source/share/share-token';
import {createCockpitHome} from '../helpers/cockpit-home';

const home = await createCockpitHome();

describe('--share settings', () => {
  it('reads [HOST:]PORT, defaulting to 127.0.0.1 and a free port', () => {
    expect(parseShareAddress('')).toEqual({host: '127.0.0.1', port: 0});
    expect(parseShareAddress('7000')).toEqual({host: '127.0.0.1', port: 7000});
    expect(parseShareAddress('0.0.0.0:7000')).toEqual({host: '0.0.0.0', port: 7000});
    expect(parseShareAddress('[::1]:7001')).toEqual({host: '::1', port: 7001});
    expect(() => parseShareAddress('host:99999')).toThrow(/not a port number/);
    expect(isLoopback('127.0.0.1') && isLoopback('::1') && !isLoopback('10.0.0.5')).toBe(true);
  });

  it('needs --share-public beyond loopback, and the --share-* flags need --share', () => {
    expect(() => shareSetupFrom({share: '0.0.0.0:7000'})).toThrow(/needs --share-public/);
    expect(shareSetupFrom({share: '0.0.0.0:7000', sharePublic: true})?.publicAddress).toBe(true);
    expect(() => shareSetupFrom({shareNotes: true})).toThrow(/need --share/);
    expect(() => shareSetupFrom({share: '', shareMax: 0})).toThrow(/--share-max/);
  });

  it('makes 160-bit tokens, compares them exactly, and never prints one read from a file', () => {
    const token = generateShareToken();
    expect(Buffer.from(token, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    expect(tokensMatch(token, token)).toBe(true);
    expect(tokensMatch(`${token}x`, token)).toBe(false);
    expect(tokensMatch('', '')).toBe(false);
    const file = path.join(home, 'token');
    writeFileSync(file, 'a-token-from-a-file-0123456789\n');
    const setup = shareSetupFrom({share: '', shareTokenFile: file})!;
    expect(setup.token).toBe('a-token-from-a-file-0123456789');
    const command = joinCommandOf('ws://127.0.0.1:7000', setup);
    expect(command).toBe(`cockpit join ws://127.0.0.1:7000 --token-file ${file}`);
    writeFileSync(file, 'short\n');
    expect(() => shareSetupFrom({share: '', shareTokenFile: file})).toThrow(/shorter than 16/);
  });
});
