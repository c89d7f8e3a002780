// The rules of issue-style reading, one by one, on the fixtures and on small inputs.
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {parseRunbook} from '../../source/runbooks/parse-runbook';
import type {Runbook} from '../../source/runbooks/runbook-model';
import {allSteps, countSteps} from '../../source/runbooks/runbook-walk';

const folder = path.resolve(import.meta.dirname, '../fixtures/runbooks');
const fixture = (name: string): Runbook =>
  parseRunbook(readFileSync(path.join(folder, name)), name);
const stepTexts = (runbook: Runbook) => [...allSteps(runbook)].map(({step}) => step.text);
const fence = '```';

describe('reading runbooks written in other styles', () => {
  it('reads "### 1. Check …" under an emoji phase with a time box as steps of that phase', () => {
    const runbook = fixture('startup-incident-response.md');
    const [immediate] = runbook.incidents[0]!.phases;
    expect(immediate!.steps.map((step) => step.text)).toEqual([
      'Check the health of the API',
      'Verify that the database accepts connections',
      'Test a checkout end to end — Place a test order with the internal test card from the admin panel.',
    ]);
    expect(immediate!.steps[1]!.code[0]!.text).toBe('psql "$DATABASE_URL" -c "SELECT 1;"');
    // Contact and severity tables, and the metadata lines, are not steps.
    expect(stepTexts(runbook).join('\n')).not.toMatch(/Dana|SEV1|Owner|Platform team/);
  });

  it('names the incident after "## Runbook: NAME" and keeps its parts inside it', () => {
    const titles = fixture('named-runbooks.md').incidents.map((incident) => incident.title);
    expect(titles).not.toContain('Steps');
    expect(titles).not.toContain('Prerequisites');
    expect(titles[0]).toBe('Connection pool exhausted');
  });

  it('never changes fenced code: psql output tables keep their full +---- lines', () => {
    const source = readFileSync(path.join(folder, 'crlf-psql-output.md'), 'utf8');
    const border = source
      .split('\r\n')
      .find((line) => line.includes('+-----'))!
      .trim();
    expect(border.length).toBeGreaterThan(64);
    const runbook = fixture('crlf-psql-output.md');
    const output = [...allSteps(runbook)]
      .flatMap(({step}) => step.code)
      .find((code) => code.lang === 'text')!;
    expect(output.text.split('\n')[0]).toBe(border);
    expect(runbook.warnings.map((warning) => warning.message).join('\n')).not.toMatch(
      /nested too deeply/,
    );
  });

  it('reads lists, tables and <pre> inside raw HTML, and no step from comments or TOCs', () => {
    const runbook = fixture('wiki-html-export.md');
    expect(stepTexts(runbook)).toEqual([
      'Make sure the replica is out of the load balancer',
      'Check the free disk space on the replica: `df -h /var/lib/postgresql`',
      'Stop PostgreSQL on the replica',
      'Move the old data directory aside',
      'Take a base backup from the primary',
      'The base backup command:',
      'Check that the replica streams again:',
    ]);
    const code = [...allSteps(runbook)].flatMap(({step}) => step.code);
    expect(code.map((block) => [block.lang, block.text])).toEqual([
      [
        'bash',
        'pg_basebackup -h db-primary.internal -D /var/lib/postgresql/16/main -X stream -P -R',
      ],
      ['sql', 'SELECT status, sender_host FROM pg_stat_wal_receiver;'],
    ]);
  });

  it('reads MkDocs admonitions as quotes, keeping the code of list items intact', () => {
    const runbook = fixture('pagerduty-mkdocs.md');
    const steps = runbook.incidents[0]!.phases.find((phase) => phase.title === 'Steps')!.steps;
    expect(steps[1]!.text).toBe(
      'Promote the standby: Warning Promote only one standby. Two promoted standbys split the cluster.',
    );
    expect(steps[1]!.code[0]!.text).toBe(
      'ssh db-standby.internal sudo -u postgres pg_ctl promote -D /var/lib/postgresql/16/main',
    );
    expect(runbook.incidents[0]!.phases.at(-2)!.steps.map((step) => step.checked)).toEqual([
      false,
      false,
    ]);
  });

  it('reads TOML front matter, between +++ or between --- lines', () => {
    const pooler = fixture('toml-front-matter.md');
    expect(pooler).toMatchObject({
      id: 'pooler-saturation',
      severity: 'P2',
      triggers: ['connection-saturation'],
    });
    expect(pooler.warnings).toEqual([]);
    const article = fixture('supabase-troubleshooting.md');
    expect(article.title).toBe('Why are my queries hanging on a lock?');
    expect(article.warnings.every((warning) => warning.level !== 'error')).toBe(true);
  });

  it('warns, without an error, when front matter cannot be read, and reads the body', () => {
    const runbook = fixture('unreadable-front-matter.md');
    expect(runbook.warnings).toEqual([
      expect.objectContaining({
        level: 'warning',
        message: expect.stringMatching(
          /^front matter could not be read \(.+\); the runbook is read without it$/,
        ),
      }),
    ]);
    expect(countSteps(runbook)).toBe(1);
  });

  it('finds {{ name }} and {{a.b.c}} placeholders, and lets a predicate leave some out', () => {
    const source = `# T\n\n## Mitigate\n\n- end it\n  ${fence}sql\n  SELECT pg_cancel_backend({{ blocking_pid }}) FROM {{tables.sessions}};\n  ${fence}\n`;
    const tokens = (runbook: Runbook) =>
      runbook.incidents[0]!.phases[0]!.steps[0]!.code[0]!.placeholders.map((placeholder) => [
        placeholder.token,
        placeholder.name,
        placeholder.kind,
      ]);
    expect(tokens(parseRunbook(source, 't.md'))).toEqual([
      ['{{ blocking_pid }}', 'blocking_pid', 'template'],
      ['{{tables.sessions}}', 'tables.sessions', 'template'],
    ]);
    const configured = parseRunbook(source, 't.md', {
      accept: (placeholder) => !/^(tables|columns)\./.test(placeholder.name),
    });
    expect(tokens(configured)).toEqual([['{{ blocking_pid }}', 'blocking_pid', 'template']]);
  });

  it('says so when a file yields no step, empty files included', () => {
    for (const runbook of [fixture('no-steps.md'), parseRunbook('', 'empty.md')])
      expect(runbook.warnings.map((warning) => warning.message)).toContain(
        'no steps found: no list item, code block, table row or step heading reads as one',
      );
  });

  it('does not take one item that begins with Verify for a list of phases', () => {
    const runbook = parseRunbook(
      '# Deploy\n\n## Release\n\n1. **Verify** backups exist\n2. Run the migration\n3. **Verify** the API answers\n4. Announce the release\n',
      'deploy.md',
    );
    expect(runbook.incidents[0]!.phases.map((phase) => [phase.title, phase.steps.length])).toEqual([
      ['Release', 4],
    ]);
  });

  it('keeps text in prose and drops HTML comments and formatting tags from step text', () => {
    const runbook = parseRunbook(
      '# T\n\n## Detect\n\n- Look at <b>the</b> pool <!-- internal note --> for `<pid>` and <pid>\n',
      't.md',
    );
    expect(stepTexts(runbook)).toEqual(['Look at the pool for `<pid>` and <pid>']);
  });
});
