import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {loadConfig} from '../../source/config/load-config';
import {UsageError} from '../../source/errors';

const directory = mkdtempSync(path.join(tmpdir(), 'cockpit-config-'));
const write = (name: string, text: string) => {
  const file = path.join(directory, name);
  writeFileSync(file, text);
  return file;
};

describe('loadConfig', () => {
  it('reads JSON and YAML and expands ${ENV} references', async () => {
    const json = write('a.json', JSON.stringify({database: {url: '${DB}'}, refreshSeconds: 1}));
    expect(
      (await loadConfig({explicitPath: json, environment: {DB: 'postgres://x@y/z'}})).config,
    ).toEqual({
      database: {url: 'postgres://x@y/z'},
      refreshSeconds: 1,
    });
    const yaml = write('b.yaml', 'readOnly: true\n');
    expect((await loadConfig({explicitPath: yaml, environment: {}})).config).toEqual({
      readOnly: true,
    });
  });

  it('finds cockpit.config.json in the working directory, then under XDG_CONFIG_HOME', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'cockpit-cwd-'));
    const configHome = mkdtempSync(path.join(tmpdir(), 'cockpit-xdg-'));
    expect(
      (await loadConfig({cwd, environment: {XDG_CONFIG_HOME: configHome}})).file,
    ).toBeUndefined();
    mkdirSync(path.join(configHome, 'incident-cockpit'));
    writeFileSync(
      path.join(configHome, 'incident-cockpit', 'cockpit.config.json'),
      '{"readOnly": true}',
    );
    expect((await loadConfig({cwd, environment: {XDG_CONFIG_HOME: configHome}})).config).toEqual({
      readOnly: true,
    });
    writeFileSync(path.join(cwd, 'cockpit.config.json'), '{"refreshSeconds": 5}');
    expect((await loadConfig({cwd, environment: {XDG_CONFIG_HOME: configHome}})).config).toEqual({
      refreshSeconds: 5,
    });
  });

  it.each([
    ['{"databse": {}}', /unknown key "databse"/],
    ['{"database": {"urll": "x"}}', /database: unknown key "urll"/],
    ['{"refreshSeconds": "fast"}', /refreshSeconds: .*number/],
    ['{"refreshSeconds": 60}', /refreshSeconds: /],
    ['{not json', /is not valid JSON/],
    [
      '{"database": {"url": "${MISSING_VARIABLE}"}}',
      /refers to \$\{MISSING_VARIABLE\}, which is not set/,
    ],
  ])('rejects %s with one line naming the file and key', async (text, message) => {
    const file = write(`bad-${Math.random()}.json`, text);
    try {
      await loadConfig({explicitPath: file, environment: {}});
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).toContain(file);
      expect((error as Error).message).not.toContain('\n');
    }
  });
});
