import { describe, expect, it } from 'vitest';
import { ACTION_BODIES, ACTIONS } from '../../../../contracts/dossiers';
import { emptyActionValues, fieldsOf, lines, toActionRequest, validateAction, withResultFields } from './action-form';

describe('action form', () => {
  it('knows a field for every key of every action body', () => {
    for (const action of ACTIONS) {
      const keys = Object.keys(ACTION_BODIES[action].shape).filter((k) => k !== 'version' && k !== 'receivedAt');
      expect(fieldsOf(action).sort(), action).toEqual(keys.sort());
    }
  });

  it('sends only the action’s own fields with the version', () => {
    const values = emptyActionValues({ missing: 'Tờ khai\n\n  Ảnh 4x6 ', note: ' ', reason: 'x' });
    const request = toActionRequest('request_supplement', values, 3);
    expect(request).toEqual({ action: 'request_supplement', body: { version: 3, missing: ['Tờ khai', 'Ảnh 4x6'], note: null } });
    expect(ACTION_BODIES.request_supplement.safeParse(request.body).success).toBe(true);
  });

  it('builds valid bodies for the lifecycle’s actions', () => {
    const values = emptyActionValues({ receivedBy: 'Nguyễn Thị Hoa', newDueDate: '2026-12-01', reason: 'Cần xác minh' });
    for (const action of ['forward', 'approve', 'sign', 'return_result', 'extend', 'receive_supplement'] as const) {
      expect(validateAction(action, values, 1), action).toEqual({});
    }
  });

  it('reports missing fields where the modal shows them', () => {
    const values = emptyActionValues();
    expect(Object.keys(validateAction('request_supplement', values, 1))).toEqual(['missing']);
    expect(Object.keys(validateAction('extend', values, 1)).sort()).toEqual(['newDueDate', 'reason']);
    expect(Object.keys(validateAction('transfer', values, 1)).sort()).toEqual(['reason', 'tasks.0.task', 'tasks.0.unitCode', 'unitCode']);
  });

  it('sends the result template’s values with the signature, each one required', () => {
    const fields = [{ name: 'child.fullName' }, { name: 'place' }];
    const typed = emptyActionValues({ resultValues: { 'child.fullName': ' Nguyễn Văn Bình ', stale: 'x' } });
    const values = withResultFields(typed, fields);
    expect(values.resultValues).toEqual({ 'child.fullName': ' Nguyễn Văn Bình ', place: '' });
    // The error sits on the field's own path, as the modal reads it (dotted names kept whole).
    expect(Object.keys(validateAction('sign', values, 4))).toEqual(['resultValues.place']);
    expect(Object.keys(validateAction('sign', withResultFields(emptyActionValues(), fields), 4)).sort()).toEqual(['resultValues.child.fullName', 'resultValues.place']);
    const complete = withResultFields(emptyActionValues({ resultValues: { 'child.fullName': ' Nguyễn Văn Bình ', place: 'Hà Nội' } }), fields);
    expect(validateAction('sign', complete, 4)).toEqual({});
    expect(toActionRequest('sign', complete, 4)).toEqual({
      action: 'sign',
      body: { version: 4, note: null, resultValues: { 'child.fullName': 'Nguyễn Văn Bình', place: 'Hà Nội' } },
    });
    expect(toActionRequest('sign', withResultFields(emptyActionValues(), []), 4).body).toEqual({ version: 4, note: null, resultValues: {} });
  });

  it('splits a textarea into trimmed lines', () => {
    expect(lines(' a \n\nb\n ')).toEqual(['a', 'b']);
  });
});
