/**
 * Model-based test of the real system: random sequences of actions by
 * random officers go through the HTTP API, and after each one the dossier
 * must be exactly where the pure transition table (the model) says — the same
 * refusals with the same codes, the same status, step and outcome — and never
 * in a state that breaks an invariant.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Action, Dossier } from '../../../contracts/dossiers.js';
import type { Role } from '../../../contracts/roles.js';
import { adminClient, makeTestApp, type TestApp } from '../../../test/harness.js';
import { createUnit, officer, signingCertificate, type Officer } from '../../../test/staff.js';
import { resolveCalendar } from '../calendar/service.js';
import { toIsoDate } from '../calendar/local-date.js';
import { applyAction, initialState, invariantViolations, mayTake, type Holdings, type WorkflowState } from './workflow.js';

const ACTIONS: Action[] = [
  'accept',
  'refuse_intake',
  'assign',
  'forward',
  'send_back',
  'request_supplement',
  'receive_supplement',
  'consult',
  'answer_consultation',
  'approve',
  'reject',
  'sign',
  'request_payment',
  'record_payment',
  'stop',
  'extend',
  'return_result',
];

let t: TestApp;
let people: { name: string; client: Officer; role: Role; home: 'commune' | 'other' }[];
let communeId = '';
let otherCode = '';

beforeAll(async () => {
  t = await makeTestApp();
  t.clock.advance(Date.parse('2026-11-24T02:00:00Z') - Date.now());
  const admin = await adminClient(t);
  const root = ((await admin.request('GET', '/api/v1/org/units')).json() as { items: { id: string; parentId: string | null }[] }).items.find((u) => u.parentId === null);
  if (!root) throw new Error('no root');
  const commune = await createUnit(admin, { code: 'X01', name: 'Xã Một', kind: 'commune', parentId: root.id });
  const other = await createUnit(admin, { code: 'X02', name: 'Xã Hai', kind: 'commune', parentId: root.id });
  await signingCertificate(t, admin, commune.id);
  await signingCertificate(t, admin, other.id);
  communeId = commune.id;
  otherCode = other.code;
  const make = async (name: string, role: Role, home: 'commune' | 'other') => {
    const unitId = home === 'commune' ? commune.id : other.id;
    return { name, role, home, client: await officer(t, admin, name, unitId, [{ role, unitId }]) };
  };
  people = [
    await make('Tiếp nhận', 'receptionist', 'commune'),
    await make('Chuyên viên', 'specialist', 'commune'),
    await make('Lãnh đạo', 'leader', 'commune'),
    await make('Chuyên viên xã khác', 'specialist', 'other'),
  ];
}, 120_000);

afterAll(async () => {
  await t.close();
});

/** What each officer holds on each side of a dossier received and settled by the commune. */
function holdingsOf(p: (typeof people)[number], model: WorkflowState): Holdings {
  if (p.home === 'other') return { consulted: model.openConsultations > 0 ? [p.role] : [] };
  return { receiving: [p.role], settling: [p.role], assignee: [p.role] };
}

async function bodyFor(action: Action, d: Dossier, toStep: string): Promise<Record<string, unknown>> {
  const base = { version: d.version };
  switch (action) {
    case 'refuse_intake':
    case 'send_back':
    case 'reject':
    case 'stop':
      return { ...base, reason: 'Lý do', ...(action === 'send_back' ? { toStep } : {}) };
    case 'request_supplement':
      return { ...base, missing: ['Giấy tờ còn thiếu'] };
    case 'consult':
      return { ...base, unitCode: otherCode, question: 'Xin ý kiến', days: 2 };
    case 'answer_consultation':
      return { ...base, consultationId: d.consultations.find((c) => c.answer === null)?.id ?? randomUUID(), answer: 'Đồng ý' };
    case 'request_payment':
      return { ...base, items: [{ label: 'Lệ phí', amountVnd: 10_000 }] };
    case 'record_payment':
      return { ...base, receiptNumber: 'BL-1' };
    case 'extend': {
      const cal = await resolveCalendar(t.db.db, communeId);
      const day = cal.nextWorkingDay(cal.toLocal(Date.parse(d.dueAt ?? '2026-12-01T00:00:00Z') + 10 * 86_400_000).day);
      return { ...base, reason: 'Cần xác minh', newDueDate: toIsoDate(day) };
    }
    case 'return_result':
      return { ...base, method: 'desk', receivedBy: 'Người nộp' };
    default:
      return base;
  }
}

describe('the API against the transition table', () => {
  it('random sequences of actions by random officers end where the model says, refusals included', async () => {
    const reception = () => people[0]?.client as Officer;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ who: fc.integer({ min: 0, max: 3 }), action: fc.constantFrom(...ACTIONS), toStep: fc.constantFrom('appraise', 'approve', 'sign') }), { minLength: 1, maxLength: 12 }),
        async (commands) => {
          const created = await reception().request(
            'POST',
            '/api/v1/dossiers',
            {
              procedureCode: '1.000893',
              applicant: { kind: 'person', fullName: 'Ngô Văn Mô Hình', idNumber: '001090000001', birthDate: '1990-01-01', address: 'Xã Một' },
              documents: [
                { index: 0, received: true, form: 'original', count: 1 },
                { index: 1, received: true, form: 'original', count: 1 },
              ],
              outcome: 'accepted',
            },
            { 'idempotency-key': randomUUID() },
          );
          expect(created.status).toBe(201);
          let dossier = (created.json() as { dossier: Dossier }).dossier;
          let model = initialState('desk');
          // A unit asked for an opinion keeps seeing the dossier; before that, it is another unit's (404).
          let consulted = false;
          for (const c of commands) {
            const person = people[c.who];
            if (!person) throw new Error('no such officer');
            const res = await person.client.request('POST', `/api/v1/dossiers/${dossier.code}/actions/${c.action}`, await bodyFor(c.action, dossier, c.toStep));
            const body = res.json() as Dossier & { error?: { code: string } };
            const label = `${person.name} ${c.action} at ${model.status}/${model.step ?? '-'}`;
            if (person.home === 'other' && !consulted) {
              expect([res.status, body.error?.code], label).toEqual([404, 'DOSSIER_NOT_FOUND']);
              continue;
            }
            const next = applyAction(model, c.action, { toStep: c.toStep as 'appraise' });
            if (!next.ok) {
              expect(body.error?.code, label).toBe(next.error);
              continue;
            }
            if (!mayTake(c.action, holdingsOf(person, model))) {
              expect([res.status, body.error?.code], label).toEqual([403, 'DOSSIER_ROLE_FORBIDDEN']);
              continue;
            }
            expect(res.status, `${label}: ${JSON.stringify(body.error)}`).toBe(200);
            model = next.state;
            dossier = body;
            if (c.action === 'consult') consulted = true;
            expect([dossier.status, dossier.step, dossier.outcome], label).toEqual([model.status, model.step, model.outcome]);
            expect(invariantViolations(model)).toEqual([]);
          }
          const history = (await reception().request('GET', `/api/v1/dossiers/${dossier.code}/history`)).json() as { items: { toStatus: string }[] };
          expect(history.items.at(-1)?.toStatus).toBe(dossier.status);
        },
      ),
      { numRuns: 15 },
    );
  }, 240_000);
});
