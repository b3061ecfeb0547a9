import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STEPS } from '../../../contracts/catalog.js';
import { FINAL_STATUSES } from '../../../contracts/dossiers.js';
import { ROLES } from '../../../contracts/roles.js';
import {
  applyAction,
  availableActions,
  checkAction,
  initialState,
  invariantViolations,
  mayTake,
  TRANSITIONS,
  type Holdings,
  type WorkflowAction,
  type WorkflowState,
} from './workflow.js';

const ACTIONS = Object.keys(TRANSITIONS) as WorkflowAction[];
const roles = fc.subarray([...ROLES]);
const holdings: fc.Arbitrary<Holdings> = fc.record({ receiving: roles, settling: roles, consulted: roles, assignee: roles });
const command = fc.record({ action: fc.constantFrom(...ACTIONS), toStep: fc.constantFrom(...STEPS), who: holdings });

const desk = (): WorkflowState => initialState('desk');

function run(start: WorkflowState, path: [WorkflowAction, { toStep?: (typeof STEPS)[number] }?][]): WorkflowState {
  return path.reduce((s, [action, p]) => {
    const r = applyAction(s, action, p ?? {});
    if (!r.ok) throw new Error(`${action} refused: ${r.error}`);
    return r.state;
  }, start);
}

describe('the transition table', () => {
  it('random action sequences never reach an invalid state; refused actions change nothing; final states are final', () => {
    fc.assert(
      fc.property(fc.constantFrom<'online' | 'desk'>('online', 'desk'), fc.array(command, { maxLength: 60 }), (channel, commands) => {
        let s = initialState(channel);
        for (const { action, toStep, who } of commands) {
          const before = s;
          const allowed = mayTake(action, who);
          const r = applyAction(s, action, { toStep });
          if (r.ok && allowed) s = r.state;
          expect(invariantViolations(s)).toEqual([]);
          if (!r.ok) expect(s).toBe(before);
          if (FINAL_STATUSES.includes(before.status)) expect(r.ok).toBe(false);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('offers a person exactly the actions the table lets them take now', () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 30 }), holdings, (commands, who) => {
        let s = desk();
        for (const c of commands) {
          const r = applyAction(s, c.action, { toStep: c.toStep });
          if (r.ok) s = r.state;
        }
        const offered = availableActions(s, who);
        for (const a of offered) {
          expect(mayTake(a, who)).toBe(true);
          expect(checkAction(s, a, { toStep: 'appraise' })).toBeNull();
        }
        for (const a of ACTIONS.filter((x) => x !== 'close' && !offered.includes(x as never))) {
          expect(mayTake(a, who) && checkAction(s, a, { toStep: 'appraise' }) === null).toBe(false);
        }
      }),
    );
  });

  it('walks the five steps to a returned result', () => {
    const s = run(desk(), [['forward'], ['approve'], ['sign'], ['return_result']]);
    expect(s).toMatchObject({ status: 'returned', step: null, outcome: 'approved' });
    const online = run(initialState('online'), [['accept']]);
    expect(online).toMatchObject({ status: 'processing', step: 'appraise' });
  });

  it('asks for supplementation once, only at appraisal, and stops the clock meanwhile', () => {
    const asked = run(desk(), [['request_supplement']]);
    expect(asked.status).toBe('supplement_requested');
    expect(checkAction(asked, 'forward')).toBe('DOSSIER_TRANSITION_INVALID');
    const back = run(asked, [['receive_supplement']]);
    expect(checkAction(back, 'request_supplement')).toBe('DOSSIER_SUPPLEMENT_ALREADY_REQUESTED');
    expect(checkAction(run(desk(), [['forward']]), 'request_supplement')).toBe('DOSSIER_TRANSITION_INVALID');
    expect(run(asked, [['close']]).status).toBe('closed');
  });

  it('stops or withdraws only before the decision; extends once', () => {
    expect(run(desk(), [['forward'], ['stop']]).status).toBe('stopped');
    expect(checkAction(run(desk(), [['forward'], ['approve']]), 'stop')).toBe('DOSSIER_TRANSITION_INVALID');
    // The applicant's withdrawal ends the same way as the authority's stop, under the same rule.
    expect(run(desk(), [['forward'], ['withdraw']])).toEqual(run(desk(), [['forward'], ['stop']]));
    expect(run(desk(), [['request_supplement'], ['withdraw']])).toMatchObject({ status: 'stopped', step: null });
    expect(checkAction(run(desk(), [['forward'], ['approve']]), 'withdraw')).toBe('DOSSIER_TRANSITION_INVALID');
    expect(checkAction(initialState('online'), 'withdraw')).toBe('DOSSIER_TRANSITION_INVALID');
    expect(mayTake('withdraw', { receiving: ['receptionist'] })).toBe(true);
    expect(mayTake('withdraw', { settling: ['specialist'] })).toBe(false);
    expect(checkAction(run(desk(), [['extend']]), 'extend')).toBe('DOSSIER_ALREADY_EXTENDED');
  });

  it('sends back only to an earlier step from appraisal on, withdrawing an approval', () => {
    const signing = run(desk(), [['forward'], ['approve']]);
    expect(checkAction(signing, 'send_back', { toStep: 'sign' })).toBe('DOSSIER_SEND_BACK_STEP_INVALID');
    expect(checkAction(signing, 'send_back', { toStep: 'receive' })).toBe('DOSSIER_SEND_BACK_STEP_INVALID');
    expect(run(signing, [['send_back', { toStep: 'appraise' }]])).toMatchObject({ step: 'appraise', outcome: null });
  });

  it('lets each role act only on its side of the dossier', () => {
    expect(mayTake('approve', { settling: ['leader'] })).toBe(true);
    expect(mayTake('approve', { receiving: ['leader'] })).toBe(false);
    expect(mayTake('forward', { settling: ['receptionist', 'leader'] })).toBe(false);
    expect(mayTake('answer_consultation', { settling: ['specialist'] })).toBe(false);
    expect(mayTake('answer_consultation', { consulted: ['specialist'] })).toBe(true);
    expect(mayTake('close', { settling: [...ROLES] })).toBe(false);
  });
});
