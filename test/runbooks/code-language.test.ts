import {beforeAll, describe, expect, it} from 'vitest';
import {alertRuleIds} from '../../source/alerts/all-rules';
import {codeKindOf, isSqlBlock, sqlLanguages} from '../../source/runbooks/code-language';
import {parseRunbook} from '../../source/runbooks/parse-runbook';
import {planPhaseReads} from '../../source/runbooks/phase-runner';
import {lintRunbook} from '../../source/runbooks/runbook-lint';
import {loadSqlParser} from '../../source/runbooks/sql-parser';

beforeAll(async () => {
  await loadSqlParser();
});

const fence = '```';

describe('one definition of a SQL block', () => {
  it('is what the navigator, lint and run-all all use, for every SQL language', () => {
    for (const lang of sqlLanguages) {
      const runbook = parseRunbook(
        `# T\n\n## Detect\n\n- read\n  ${fence}${lang}\n  SELECT 1 AS one\n  ${fence}\n- broken\n  ${fence}${lang}\n  SELEC 1\n  ${fence}\n`,
        `${lang}.md`,
      );
      const [incident] = runbook.incidents;
      const phase = incident!.phases[0]!;
      expect(codeKindOf(lang), lang).toBe('sql');
      expect(isSqlBlock({lang: lang.toUpperCase()}), lang).toBe(true);
      const {reads, skipped} = planPhaseReads(incident!, phase);
      expect(
        reads.map((read) => read.code.text),
        lang,
      ).toEqual(['SELECT 1 AS one']);
      expect(skipped, lang).toHaveLength(1);
      expect(
        lintRunbook(runbook, alertRuleIds()).filter((finding) =>
          /SQL does not parse/.test(finding.message),
        ),
        lang,
      ).toHaveLength(1);
    }
    expect(codeKindOf('bash')).toBe('shell');
    expect(codeKindOf('text')).toBeUndefined();
  });
});
