import {describe, expect, it} from 'vitest';
import {findPlaceholders} from '../../../source/runbooks/placeholders';
import type {CodeBlock} from '../../../source/runbooks/runbook-model';
import {
  codeKindOf,
  missingPlaceholders,
  placeholderQuestion,
  shellPlaceholdersToBind,
} from '../../../source/ui/runbook/step-code';
import {
  shellOutcomeView,
  sqlOutcomeView,
  tableDetailLines,
} from '../../../source/ui/runbook/step-outcome-view';

const shell = (text: string): CodeBlock => ({
  lang: 'bash',
  text,
  line: 1,
  placeholders: findPlaceholders(text, 'bash'),
});
const ran = {kind: 'ran' as const, exitCode: 0, signal: null, timedOut: false, stderr: ''};

describe('step outcomes on screen', () => {
  it('bounds shell output to 40 lines and says when it was cut or timed out', () => {
    const lines = Array.from({length: 60}, (_, index) => `line ${index}`).join('\n');
    const shown = shellOutcomeView({...ran, stdout: lines, omittedBytes: 0});
    expect(shown).toMatchObject({status: 'done', view: {summary: 'exit 0 (output cut)'}});
    expect(shown.view.rows).toHaveLength(40);
    const timedOut = shellOutcomeView({
      ...ran,
      exitCode: null,
      signal: 'SIGTERM',
      timedOut: true,
      stdout: '',
      omittedBytes: 0,
    });
    expect(timedOut).toMatchObject({status: 'failed', view: {summary: 'timed out (killed)'}});
    expect(shellOutcomeView({kind: 'refused', reason: 'no'}).status).toBeUndefined();
  });

  it('marks reads and executions done, failures failed, refusals and previews neither', () => {
    const result = {
      command: 'SELECT',
      rowCount: 60,
      columns: ['a'],
      rows: [['1']],
      omittedRows: 10,
      omittedColumns: 0,
    };
    expect(sqlOutcomeView({kind: 'read', results: [result]})).toMatchObject({
      status: 'done',
      view: {summary: 'read: 60 rows (10 more rows not shown)', columns: ['a']},
    });
    expect(sqlOutcomeView({kind: 'failed', error: 'boom'}).status).toBe('failed');
    expect(sqlOutcomeView({kind: 'refused', reason: 'read-only'}).status).toBeUndefined();
    const preview = sqlOutcomeView({
      kind: 'preview',
      rolledBack: true,
      confirmationToken: 't',
      statements: [{text: 'UPDATE x', rowsChanged: 1, sample: {...result, rowCount: 1}}],
    });
    expect(preview).toMatchObject({
      view: {summary: 'preview (rolled back): would change 1 row (10 more rows not shown)'},
    });
    expect(preview.status).toBeUndefined();
    expect(tableDetailLines(preview.view)).toEqual(['a', '1']);
  });
});

describe('step code', () => {
  it('knows which blocks run how', () => {
    expect(['sql', 'PostgreSQL', 'bash', 'http', 'text', ''].map(codeKindOf)).toEqual([
      'sql',
      'sql',
      'shell',
      'shell',
      undefined,
      undefined,
    ]);
  });

  it('asks each missing placeholder once and lets an unanswered $VAR come from the environment', () => {
    const code = shell('curl "$SUPABASE_URL/functions/v1/[name]" -d "[name]"');
    expect(missingPlaceholders(code, {}).map((placeholder) => placeholder.name)).toEqual([
      'SUPABASE_URL',
      'name',
    ]);
    expect(missingPlaceholders(code, {name: 'x'}).map((placeholder) => placeholder.name)).toEqual([
      'SUPABASE_URL',
    ]);
    expect(shellPlaceholdersToBind(code, {name: 'x'}).map((item) => item.name)).toEqual(['name']);
    expect(placeholderQuestion(code.placeholders[0]!)).toBe(
      'SUPABASE_URL (Enter: from the environment):',
    );
  });
});
