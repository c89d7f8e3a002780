import {chmodSync, mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runProbeCommand} from '../../source/commands/probe-command';
import {
  parseConnectionTarget,
  resolveConnectionTarget,
} from '../../source/sources/connection-target';
import {parseKeywordConnectionString} from '../../source/sources/libpq-settings';
import {PostgresLifeline} from '../../source/sources/postgres-lifeline';
import {createTestDatabase} from '../helpers/database';

const database = await createTestDatabase();
const url = new URL(database.url);
const server = {
  host: url.hostname,
  port: url.port,
  user: decodeURIComponent(url.username),
  password: decodeURIComponent(url.password),
  dbname: database.name,
};
const directory = mkdtempSync(path.join(tmpdir(), 'cockpit-libpq-'));
// A HOME with no .pgpass or service file, so the machine's own never leak into a test.
const home = mkdtempSync(path.join(tmpdir(), 'cockpit-libpq-home-'));

async function connectedDatabase(target: ReturnType<typeof parseConnectionTarget>) {
  const lifeline = new PostgresLifeline(target);
  lifeline.start();
  try {
    await lifeline.waitUntilConnected(10_000);
    const [result] = await lifeline.transaction(['SELECT current_database() AS name'], {
      readOnly: true,
    });
    return String(result!.rows[0]!.name);
  } finally {
    await lifeline.close();
  }
}

describe('libpq connection settings', () => {
  it('watches the database PGHOST, PGPORT, PGUSER, PGPASSWORD and PGDATABASE name when no URL is given', async () => {
    const environment = {
      HOME: home,
      PGHOST: server.host,
      PGPORT: server.port,
      PGUSER: server.user,
      PGPASSWORD: server.password,
      PGDATABASE: server.dbname,
    };
    const target = resolveConnectionTarget({}, environment);
    expect(target?.origin).toBe('PG* environment');
    expect(target?.label).toBe(`${server.user}@${server.host}:${server.port}/${server.dbname}`);
    expect(target?.label).not.toContain(server.password);
    expect(await connectedDatabase(target!)).toBe(server.dbname);
  });

  it('has no target at all (the demo) when neither a URL nor PG* variables name a database', () => {
    expect(resolveConnectionTarget({}, {HOME: home, PGSSLMODE: 'disable'})).toBeUndefined();
  });

  it('reads a service from PGSERVICEFILE, and the password from PGPASSFILE', async () => {
    const serviceFile = path.join(directory, 'services.conf');
    writeFileSync(
      serviceFile,
      `# on-call services\n[production]\nhost=${server.host}\nport=${server.port}\nuser=${server.user}\ndbname=${server.dbname}\nsslmode=disable\n`,
    );
    const passFile = path.join(directory, 'pgpass');
    writeFileSync(
      passFile,
      `otherhost:5432:*:*:wrong\n${server.host}:${server.port}:${server.dbname}:${server.user}:${server.password.replace(/:/g, '\\:')}\n`,
    );
    chmodSync(passFile, 0o600);
    const environment = {
      HOME: home,
      PGSERVICE: 'production',
      PGSERVICEFILE: serviceFile,
      PGPASSFILE: passFile,
    };
    const target = resolveConnectionTarget({}, environment);
    expect(target?.label).toBe(`${server.user}@${server.host}:${server.port}/${server.dbname}`);
    expect(target?.connectionString).toContain(encodeURIComponent(server.password));
    expect(await connectedDatabase(target!)).toBe(server.dbname);
  });

  it('ignores a pgpass file others can read, as libpq does', () => {
    const passFile = path.join(directory, 'open-pgpass');
    writeFileSync(passFile, `*:*:*:*:${server.password}\n`);
    chmodSync(passFile, 0o644);
    const target = resolveConnectionTarget(
      {},
      {HOME: home, PGHOST: server.host, PGPORT: server.port, PGPASSFILE: passFile},
    );
    expect(target?.connectionString).not.toContain(encodeURIComponent(server.password));
  });

  it('accepts a key=value connection string for --db, completed from the environment', async () => {
    const target = parseConnectionTarget(
      `host=${server.host} port=${server.port} dbname='${server.dbname}' user=${server.user}`,
      '--db',
      {HOME: home, PGPASSWORD: server.password},
    );
    expect(target.label).toBe(`${server.user}@${server.host}:${server.port}/${server.dbname}`);
    expect(await connectedDatabase(target)).toBe(server.dbname);
  });

  it('parses quoted values with escapes and rejects unknown keywords in one line', () => {
    expect(
      parseKeywordConnectionString(String.raw`password='it\'s a secret' dbname=app`, '--db'),
    ).toEqual({password: "it's a secret", dbname: 'app'});
    expect(() => parseKeywordConnectionString('hots=db', '--db')).toThrow(
      /--db: unknown keyword "hots"/,
    );
    expect(() => parseKeywordConnectionString("password='open", '--db')).toThrow(
      /unterminated quote/,
    );
  });

  it('cockpit probe --json on PG* variables reports that database, and never the password', async () => {
    let output = '';
    const code = await runProbeCommand(
      {json: true},
      {
        HOME: home,
        PGHOST: server.host,
        PGPORT: server.port,
        PGUSER: server.user,
        PGPASSWORD: server.password,
        PGDATABASE: server.dbname,
      },
      (text) => {
        output += text;
      },
    );
    expect(code).toBe(0);
    const document = JSON.parse(output) as {target: {label: string}};
    expect(document.target.label).toBe(
      `${server.user}@${server.host}:${server.port}/${server.dbname}`,
    );
    expect(output).not.toContain(server.password);
  });
});
