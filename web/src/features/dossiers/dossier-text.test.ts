import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../../../contracts/dossiers';
import { controlRows, isPrintForm, lookupUrl, parseLookupFragment, printableForms, vnIsoDate } from './dossier-text';

describe('lookup links', () => {
  it('put the code and the secret in the fragment and read them back', () => {
    const url = lookupUrl('https://motcua.example.vn', 'H55.242-251124-0007', 'ABCDE-FGHJK');
    expect(url).toBe('https://motcua.example.vn/tra-cuu#code=H55.242-251124-0007&secret=ABCDE-FGHJK');
    expect(parseLookupFragment(new URL(url).hash)).toEqual({ code: 'H55.242-251124-0007', secret: 'ABCDE-FGHJK' });
  });

  it('ignore a fragment without both', () => {
    expect(parseLookupFragment('')).toBeNull();
    expect(parseLookupFragment('#code=X')).toBeNull();
    expect(parseLookupFragment('#main')).toBeNull();
  });
});

describe('print helpers', () => {
  it('give the local date in Vietnam', () => {
    expect(vnIsoDate('2026-11-24T18:30:00Z')).toBe('2026-11-25');
    expect(vnIsoDate('2026-11-24T16:59:00Z')).toBe('2026-11-24');
  });

  it('offer the forms that say something about the dossier now', () => {
    const base = { status: 'processing', outcome: null, supplement: null, extension: null } as const;
    expect(printableForms(base)).toEqual(['receipt', 'control']);
    expect(printableForms({ ...base, status: 'intake_incomplete' })).toEqual(['supplement', 'control']);
    expect(printableForms({ ...base, status: 'not_accepted' })).toEqual(['refusal', 'control']);
    expect(printableForms({ ...base, extension: { reason: 'r', at: 'x', newDueAt: 'y' } })).toEqual(['receipt', 'apology', 'control']);
    expect(printableForms({ ...base, status: 'stopped' })).toEqual(['receipt', 'stop', 'control']);
    expect(isPrintForm('apology')).toBe(true);
    expect(isPrintForm('register')).toBe(false);
  });

  it('turn the history into control-slip rows, oldest first', () => {
    const entry = (id: string, at: string, action: string, fromStep: HistoryEntry['fromStep'], toStep: HistoryEntry['toStep']): HistoryEntry => ({
      id,
      at,
      action,
      actor: { staffId: null, name: 'Lê Văn C', unitCode: 'X-HB' },
      fromStatus: 'processing',
      toStatus: 'processing',
      fromStep,
      toStep,
      fromUnit: 'X-HB',
      toUnit: 'X-HB',
      note: null,
      details: {},
    });
    const rows = controlRows(
      [entry('2', '2026-11-25T03:00:00Z', 'forward', 'appraise', 'approve'), entry('1', '2026-11-25T02:00:00Z', 'intake_accepted', null, 'appraise')],
      (unit, step) => `${unit ?? ''}/${step ?? ''}`,
    );
    expect(rows.map((r) => [r.id, r.from, r.to, r.actor, r.note])).toEqual([
      ['1', 'X-HB/', 'X-HB/appraise', 'Lê Văn C', ''],
      ['2', 'X-HB/appraise', 'X-HB/approve', 'Lê Văn C', ''],
    ]);
  });
});
