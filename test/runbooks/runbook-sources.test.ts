import {mkdir, mkdtemp, readFile, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {triggerIds} from '../../source/alerts/all-rules';
import {loadRunbooksInBackground} from '../../source/app/load-runbooks';
import {runRunbooksCommand} from '../../source/commands/runbooks-command';
import {resolveApplicationSettings} from '../../source/config/application-settings';
import {loadConfig} from '../../source/config/load-config';
import {isError, lintRunbook} from '../../source/runbooks/runbook-lint';
import {builtinRunbookNames, runbookSourcesFrom} from '../../source/runbooks/runbook-source-paths';
import {loadRunbookSources} from '../../source/runbooks/runbook-sources';
import {searchRunbooks, suggestRunbooks} from '../../source/runbooks/runbook-suggestions';
import {schemaNamesFrom} from '../../source/runbooks/schema-names';
import {loadSqlParser} from '../../source/runbooks/sql-parser';
import {createCockpitStore} from '../../source/store/cockpit-store';

const fence = '```';
const folder = await mkdtemp(path.join(tmpdir(), 'cockpit-team-runbooks-'));

beforeAll(async () => {
  await loadSqlParser();
  await mkdir(path.join(folder, 'ops', 'runbooks'), {recursive: true});
  await writeFile(
    path.join(folder, 'ops', 'runbooks', 'ocr-queue.md'),
    `---\nid: ocr-queue\ntitle: OCR queue backing up\ntriggers: [dlq-growth]\n---\n\n# OCR queue\n\n## Detect\n\n- Count waiting jobs\n  ${fence}sql\n  SELECT count(*) FROM ocr_jobs WHERE status = 'queued'\n  ${fence}\n`,
  );
  // Broken front matter: the cockpit must list it with its error and carry on.
  await writeFile(
    path.join(folder, 'ops', 'runbooks', 'broken.md'),
    `---\nid: [unclosed\n---\n\n# Broken\n`,
  );
  // Same id as a built-in runbook: the team's version replaces it.
  await writeFile(
    path.join(folder, 'our-dead-letters.md'),
    `---\nid: dead-letter-webhooks\ntitle: Our dead letters\ntriggers: [dlq-growth]\n---\n\n# DLQ\n\n## Detect\n\n- Count\n  ${fence}sql\n  SELECT count(*) FROM {{tables.dlq}}\n  ${fence}\n`,
  );
  await writeFile(
    path.join(folder, 'ops', 'cockpit.config.yaml'),
    'runbooks:\n  paths: [runbooks, ../our-dead-letters.md, missing.md]\n',
  );
});

async function configured(extra: string[] = [], builtin = true) {
  const configFile = path.join(folder, 'ops', 'cockpit.config.yaml');
  const {config, file} = await loadConfig({explicitPath: configFile, environment: {}});
  const withBuiltin = builtin
    ? config
    : {...config, runbooks: {...config.runbooks, builtin: false}};
  const sources = runbookSourcesFrom({
    config: withBuiltin,
    configFile: file,
    flagPaths: extra,
    cwd: folder,
  });
  return loadRunbookSources(sources, schemaNamesFrom(resolveApplicationSettings(config)));
}

describe('a team runbook folder beside the library', () => {
  it('joins the library, each runbook marked with the path it came from', async () => {
    const runbooks = await configured();
    const byId = new Map(runbooks.map((runbook) => [runbook.id, runbook]));
    expect(byId.get('ocr-queue')?.origin).toBe('runbooks');
    expect(byId.get('database-connection-exhaustion')?.origin).toBe('built-in');
    expect(
      runbooks.filter((runbook) => runbook.origin === 'built-in').length,
    ).toBeGreaterThanOrEqual(14);
  });

  it('lets a team runbook replace the built-in one of the same id', async () => {
    const runbooks = await configured();
    const dlq = runbooks.filter((runbook) => runbook.id === 'dead-letter-webhooks');
    expect(dlq).toHaveLength(1);
    expect(dlq[0]).toMatchObject({title: 'Our dead letters', origin: '../our-dead-letters.md'});
    expect(dlq[0]!.incidents[0]!.phases[0]!.steps[0]!.code[0]!.text).toContain(
      'FROM "dead_letter_messages"',
    );
  });

  it('lists a broken file and a missing one with their lint errors instead of failing', async () => {
    const runbooks = await configured();
    const broken = runbooks.find((runbook) => runbook.file.endsWith('broken.md'));
    const missing = runbooks.find((runbook) => runbook.file.endsWith('missing.md'));
    expect(
      broken &&
        lintRunbook(broken, triggerIds()).some((finding) => /front matter/i.test(finding.message)),
    ).toBe(true);
    expect(missing?.warnings).toEqual([
      expect.objectContaining({level: 'error', message: 'cannot read: no such file'}),
    ]);
  });

  it('hides the built-in library with runbooks.builtin: false; --runbooks adds more', async () => {
    const extra = path.join(folder, 'extra.md');
    await writeFile(extra, '# Extra\n\n## Detect\n\n- look\n');
    const runbooks = await configured(['extra.md'], false);
    expect(runbooks.some((runbook) => runbook.origin === 'built-in')).toBe(false);
    expect(runbooks.find((runbook) => runbook.id === 'extra')?.origin).toBe('extra.md');
  });

  it('suggests a team runbook for its trigger and finds it by name, as the picker does', async () => {
    const runbooks = await configured();
    const suggested = suggestRunbooks(runbooks, ['dlq-growth']).filter((entry) => entry.suggested);
    expect(suggested.map((entry) => entry.runbook.id)).toEqual(
      expect.arrayContaining(['ocr-queue', 'dead-letter-webhooks']),
    );
    expect(searchRunbooks(suggestRunbooks(runbooks, []), 'ocr')[0]?.runbook.id).toBe('ocr-queue');
  });

  it('reaches the cockpit store through the background loader', async () => {
    const store = createCockpitStore({databaseLabel: 'test'});
    const configFile = path.join(folder, 'ops', 'cockpit.config.yaml');
    const {config, file} = await loadConfig({explicitPath: configFile, environment: {}});
    await loadRunbooksInBackground(store, runbookSourcesFrom({config, configFile: file}));
    const ids = store.getState().runbook.library.map((runbook) => runbook.id);
    expect(ids).toContain('ocr-queue');
    expect(ids).toContain('slow-queries');
  });
});

describe('built-in runbooks chosen by name (runbooks.builtin: [names])', () => {
  it('loads only the named ones, so an example copied anywhere keeps its runbooks', async () => {
    const elsewhere = await mkdtemp(path.join(tmpdir(), 'cockpit-copied-example-'));
    const copy = path.join(elsewhere, 'cockpit.config.yaml');
    await writeFile(
      copy,
      await readFile(path.join(process.cwd(), 'examples/voucher-platform.config.yaml'), 'utf8'),
    );
    const environment = {SUPABASE_URL: 'http://127.0.0.1:9', SUPABASE_SERVICE_ROLE_KEY: 'key'};
    const {config, file} = await loadConfig({explicitPath: copy, environment});
    const runbooks = await loadRunbookSources(runbookSourcesFrom({config, configFile: file}));
    const named = config.runbooks?.builtin;
    expect(Array.isArray(named) && named.length).toBe(8);
    expect(runbooks.map((runbook) => runbook.id).sort()).toEqual([...(named as string[])].sort());
    expect(runbooks.every((runbook) => runbook.origin === 'built-in')).toBe(true);
    expect(runbooks.flatMap((runbook) => runbook.warnings.filter(isError))).toEqual([]);
  });

  it('refuses an unknown name, listing the known ones', async () => {
    const configFile = path.join(folder, 'typo.config.yaml');
    await writeFile(configFile, 'runbooks:\n  builtin: [slow-queries, slow-query]\n');
    await expect(loadConfig({explicitPath: configFile, environment: {}})).rejects.toThrow(
      /runbooks\.builtin: no built-in runbook named "slow-query" \(known: api-rate-limiting, .*slow-queries\)/,
    );
  });

  it('warns in lint when a signal suggests a runbook the selection leaves out', async () => {
    const configFile = path.join(folder, 'narrow.config.yaml');
    await writeFile(
      configFile,
      [
        'runbooks:',
        '  builtin: [slow-queries]',
        'signals:',
        '  - {name: failed-logins, sql: SELECT 1, warn: 1, runbook: authentication-failures}',
        '  - {name: slow, sql: SELECT 1, warn: 1, runbook: slow-queries}',
        '',
      ].join('\n'),
    );
    const lines: string[] = [];
    const code = await runRunbooksCommand(
      {action: 'lint', paths: [], json: false, config: configFile},
      (line) => lines.push(line),
      {},
    );
    expect(lines.filter((line) => line.includes('suggests runbook'))).toEqual([
      `${configFile}:0: warning: signal failed-logins suggests runbook "authentication-failures", which is not loaded (see runbooks.builtin and runbooks.paths)`,
    ]);
    expect(code).toBe(0);
  });

  it('lists every runbook file of the library as a known name', () => {
    expect(builtinRunbookNames()).toEqual(
      expect.arrayContaining(['dead-letter-webhooks', 'email-delivery', 'slow-queries']),
    );
    expect(builtinRunbookNames().length).toBeGreaterThanOrEqual(15);
  });
});
