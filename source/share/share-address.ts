import {isIP} from 'node:net';
import {UsageError} from '../errors';

/** Where the share server listens. Port 0 asks the system for a free port. */
export type ShareAddress = {host: string; port: number};

/** Parses `--share [HOST:]PORT`; an empty value means 127.0.0.1 and a free port. */
export function parseShareAddress(value: string | undefined): ShareAddress {
  const text = (value ?? '').trim();
  if (text === '' || text === 'true') return {host: '127.0.0.1', port: 0};
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  const colon = text.lastIndexOf(':');
  let host = '127.0.0.1';
  let portText = text;
  if (bracketed) {
    host = bracketed[1]!;
    portText = bracketed[2] ?? '0';
  } else if (colon >= 0 && text.indexOf(':') === colon) {
    host = text.slice(0, colon) || '127.0.0.1';
    portText = text.slice(colon + 1);
  } else if (colon >= 0) {
    throw new UsageError(`--share: write an IPv6 address in brackets ([::1]:7000), got "${text}"`);
  } else if (!/^\d+$/.test(text)) {
    host = text;
    portText = '0';
  }
  if (!/^\d+$/.test(portText) || Number(portText) > 65535)
    throw new UsageError(`--share: "${portText}" is not a port number (0–65535)`);
  return {host, port: Number(portText)};
}

/** True for addresses only this machine can reach. */
export function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1';
  return false;
}

/** The address as a ws:// URL host part. */
export function urlHostOf(host: string): string {
  return isIP(host) === 6 ? `[${host}]` : host;
}
