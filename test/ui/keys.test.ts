import {describe, expect, it} from 'vitest';
import {footerHints} from '../../source/ui/Footer';
import {
  activeBindings,
  commandForKey,
  type KeyBinding,
  keyBindings,
  keyNamesOf,
} from '../../source/ui/keys';

describe('the key table', () => {
  it('binds every key at most once per scope', () => {
    const seen = new Set<string>();
    for (const binding of keyBindings) {
      for (const key of binding.keys) {
        const id = `${binding.scope} ${key}`;
        expect(seen.has(id), id).toBe(false);
        seen.add(id);
      }
    }
  });

  it('gives every footer hint of a pane its own label', () => {
    const panes = new Set(
      keyBindings.flatMap((binding) =>
        binding.scope.startsWith('pane:') ? [binding.scope.slice('pane:'.length)] : [],
      ),
    );
    expect(panes.size).toBeGreaterThan(3);
    for (const pane of panes) {
      const labels = footerHints(keyBindings, pane).map((hint) =>
        hint.slice(hint.indexOf(' ') + 1),
      );
      expect(new Set(labels).size, `${pane}: ${labels.join(' | ')}`).toBe(labels.length);
    }
  });

  it('never binds a dangerous command under --read-only', () => {
    const table: KeyBinding[] = [
      ...keyBindings,
      {
        command: 'session.terminate',
        keys: ['T'],
        description: 'Terminate',
        scope: 'pane:connections',
        dangerous: true,
      },
    ];
    expect(commandForKey('T', 'connections', activeBindings(false, table))).toBe(
      'session.terminate',
    );
    expect(commandForKey('T', 'connections', activeBindings(true, table))).toBeUndefined();
    expect(activeBindings(true).some((binding) => binding.dangerous)).toBe(false);
  });

  it('lets a pane binding win over a global one only while that pane has focus', () => {
    const table: KeyBinding[] = [
      ...keyBindings,
      {command: 'rows.down', keys: ['down'], description: 'Next row', scope: 'pane:example'},
    ];
    expect(commandForKey('down', 'example', table)).toBe('rows.down');
    expect(commandForKey('down', 'timeline', table)).toBe('focus.down');
  });

  it('names every key of a chunk of several', () => {
    expect(keyNamesOf('jj k', {})).toEqual(['j', 'j', 'space', 'k']);
    expect(keyNamesOf('\t\t', {})).toEqual(['tab', 'tab']);
    expect(keyNamesOf('', {tab: true, shift: true})).toEqual(['shift+tab']);
    expect(keyNamesOf('c', {ctrl: true})).toEqual(['ctrl+c']);
  });
});
