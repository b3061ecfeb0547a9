/**
 * The five-step workflow as a transition table (pure, no I/O).
 *
 * A dossier moves receive → appraise → approve → sign → return (Decree
 * 118/2025 Art. 18–22; the "five-step process in the electronic
 * environment"). Each action names the statuses and steps it may start from,
 * the roles that may take it, and on which side of the dossier the role must
 * be held: the receiving unit (one-stop desk), the settling unit, or a unit
 * asked for an opinion. `applyAction` is the only way a state changes; the
 * service adds the clock, the database and the checks that need them (3
 * working days for supplementation, one day's notice for an extension).
 *
 * Decisions:
 * - A desk intake is recorded as the receive step done: the dossier starts at
 *   `appraise`. An online dossier waits at `receive` (`pending_acceptance`).
 * - Supplementation may be requested once (the applicant is guided "once and
 *   completely"); while it is outstanding, and while fees are unpaid, the
 *   clock stops (`supplement_requested`, `payment_requested`).
 * - `reject` is a decision: the refusal goes to the return step like a result,
 *   so it is handed over and recorded the same way.
 * - `stop` is allowed until the decision (no outcome yet). `withdraw` is the
 *   applicant's written request to withdraw before the result (Decree
 *   118/2025), recorded by the desk (or the leader) under the same rule; both
 *   end `stopped`, the service marks the withdrawn ones (`dossiers.withdrawn`)
 *   so the reports count them apart.
 * - Final statuses have no current step.
 */
import type { Action, Outcome, Status } from '../../../contracts/dossiers.js';
import { STEPS, type Step } from '../../../contracts/catalog.js';
import type { Role } from '../../../contracts/roles.js';

/** Where the officer's role must be held: the desk, the settling unit, a consulted unit, or the unit the current step is assigned to. */
export type Side = 'receiving' | 'settling' | 'consulted' | 'assignee';
/** Actions only the system takes (the deadline job). */
export type SystemAction = 'close';
export type WorkflowAction = Action | SystemAction;

export type WorkflowState = {
  status: Status;
  step: Step | null;
  outcome: Outcome | null;
  supplementRequests: number;
  extended: boolean;
  openConsultations: number;
};

export type ActionParams = { toStep?: Step };

type Rule = {
  statuses: readonly Status[];
  /** Steps it may start from; null = any. */
  steps: readonly Step[] | null;
  roles: readonly Role[];
  sides: readonly Side[];
  /** Further conditions on the state; the error code when they fail. */
  guard?: (s: WorkflowState, p: ActionParams) => WorkflowError | null;
  apply: (s: WorkflowState, p: ActionParams) => WorkflowState;
};

export type WorkflowError =
  | 'DOSSIER_TRANSITION_INVALID'
  | 'DOSSIER_SUPPLEMENT_ALREADY_REQUESTED'
  | 'DOSSIER_ALREADY_EXTENDED'
  | 'DOSSIER_NO_OPEN_CONSULTATION'
  | 'DOSSIER_SEND_BACK_STEP_INVALID';

const OPEN: readonly Status[] = ['processing', 'supplement_requested', 'payment_requested'];
const BEFORE_DECISION: readonly Step[] = ['appraise', 'approve', 'sign'];
const next = (step: Step): Step => STEPS[STEPS.indexOf(step) + 1] ?? step;
const finalState = (s: WorkflowState, status: Status): WorkflowState => ({ ...s, status, step: null });

/** `stop` (the authority's) and `withdraw` (the applicant's written request, recorded at the desk) differ only in what the service records. */
const STOP_RULE: Rule = {
  statuses: OPEN,
  steps: BEFORE_DECISION,
  roles: ['receptionist', 'leader'],
  sides: ['receiving', 'settling'],
  guard: (s) => (s.outcome === null ? null : 'DOSSIER_TRANSITION_INVALID'),
  apply: (s) => finalState(s, 'stopped'),
};

export const TRANSITIONS: Record<WorkflowAction, Rule> = {
  accept: {
    statuses: ['pending_acceptance'],
    steps: ['receive'],
    roles: ['receptionist'],
    sides: ['receiving'],
    apply: (s) => ({ ...s, status: 'processing', step: 'appraise' }),
  },
  refuse_intake: {
    statuses: ['pending_acceptance'],
    steps: ['receive'],
    roles: ['receptionist'],
    sides: ['receiving'],
    apply: (s) => finalState(s, 'not_accepted'),
  },
  assign: {
    statuses: OPEN,
    steps: null,
    roles: ['receptionist', 'specialist', 'leader'],
    sides: ['assignee'],
    apply: (s) => s,
  },
  forward: {
    statuses: ['processing'],
    steps: ['appraise'],
    roles: ['specialist'],
    sides: ['settling'],
    apply: (s) => ({ ...s, step: 'approve' }),
  },
  send_back: {
    statuses: ['processing'],
    steps: ['approve', 'sign'],
    roles: ['leader'],
    sides: ['settling'],
    guard: (s, p) => {
      if (!p.toStep || !s.step) return 'DOSSIER_SEND_BACK_STEP_INVALID';
      const to = STEPS.indexOf(p.toStep);
      return to >= STEPS.indexOf('appraise') && to < STEPS.indexOf(s.step) ? null : 'DOSSIER_SEND_BACK_STEP_INVALID';
    },
    apply: (s, p) => ({ ...s, step: p.toStep ?? s.step, outcome: null }),
  },
  request_supplement: {
    statuses: ['processing'],
    steps: ['appraise'],
    roles: ['specialist'],
    sides: ['settling'],
    guard: (s) => (s.supplementRequests > 0 ? 'DOSSIER_SUPPLEMENT_ALREADY_REQUESTED' : null),
    apply: (s) => ({ ...s, status: 'supplement_requested', supplementRequests: s.supplementRequests + 1 }),
  },
  receive_supplement: {
    statuses: ['supplement_requested'],
    steps: ['appraise'],
    roles: ['receptionist', 'specialist'],
    sides: ['receiving', 'settling'],
    apply: (s) => ({ ...s, status: 'processing' }),
  },
  close: {
    statuses: ['supplement_requested'],
    steps: ['appraise'],
    roles: [],
    sides: [],
    apply: (s) => finalState(s, 'closed'),
  },
  consult: {
    statuses: ['processing'],
    steps: ['appraise'],
    roles: ['specialist', 'leader'],
    sides: ['settling'],
    apply: (s) => ({ ...s, openConsultations: s.openConsultations + 1 }),
  },
  answer_consultation: {
    statuses: OPEN,
    steps: null,
    roles: ['specialist', 'leader'],
    sides: ['consulted'],
    guard: (s) => (s.openConsultations > 0 ? null : 'DOSSIER_NO_OPEN_CONSULTATION'),
    apply: (s) => ({ ...s, openConsultations: s.openConsultations - 1 }),
  },
  transfer: {
    statuses: ['processing'],
    steps: ['appraise'],
    roles: ['specialist', 'leader'],
    sides: ['settling'],
    apply: (s) => s,
  },
  approve: {
    statuses: ['processing'],
    steps: ['approve'],
    roles: ['leader'],
    sides: ['settling'],
    apply: (s) => ({ ...s, step: 'sign', outcome: 'approved' }),
  },
  reject: {
    statuses: ['processing'],
    steps: ['appraise', 'approve'],
    roles: ['leader'],
    sides: ['settling'],
    apply: (s) => ({ ...s, step: 'return', outcome: 'rejected' }),
  },
  sign: {
    statuses: ['processing'],
    steps: ['sign'],
    roles: ['leader'],
    sides: ['settling'],
    apply: (s) => ({ ...s, step: next('sign') }),
  },
  request_payment: {
    statuses: ['processing'],
    steps: BEFORE_DECISION,
    roles: ['specialist', 'leader'],
    sides: ['settling'],
    apply: (s) => ({ ...s, status: 'payment_requested' }),
  },
  record_payment: {
    statuses: ['payment_requested'],
    steps: null,
    roles: ['receptionist', 'specialist'],
    sides: ['receiving', 'settling'],
    apply: (s) => ({ ...s, status: 'processing' }),
  },
  stop: STOP_RULE,
  withdraw: STOP_RULE,
  extend: {
    statuses: ['processing', 'payment_requested'],
    steps: BEFORE_DECISION,
    roles: ['leader'],
    sides: ['settling'],
    guard: (s) => (s.extended ? 'DOSSIER_ALREADY_EXTENDED' : null),
    apply: (s) => ({ ...s, extended: true }),
  },
  return_result: {
    statuses: ['processing'],
    steps: ['return'],
    roles: ['receptionist'],
    sides: ['receiving'],
    apply: (s) => finalState(s, 'returned'),
  },
};

/** Whether the state admits the action at all (status, step, guard), ignoring who asks. */
export function checkAction(s: WorkflowState, action: WorkflowAction, p: ActionParams = {}): WorkflowError | null {
  const rule = TRANSITIONS[action];
  if (!rule.statuses.includes(s.status)) return 'DOSSIER_TRANSITION_INVALID';
  if (rule.steps && (s.step === null || !rule.steps.includes(s.step))) return 'DOSSIER_TRANSITION_INVALID';
  return rule.guard?.(s, p) ?? null;
}

export type ApplyResult = { ok: true; state: WorkflowState } | { ok: false; error: WorkflowError };

export function applyAction(s: WorkflowState, action: WorkflowAction, p: ActionParams = {}): ApplyResult {
  const error = checkAction(s, action, p);
  if (error) return { ok: false, error };
  return { ok: true, state: TRANSITIONS[action].apply(s, p) };
}

/** Roles the actor holds on each side of this dossier. */
export type Holdings = Partial<Record<Side, readonly Role[]>>;

export function mayTake(action: WorkflowAction, holdings: Holdings): boolean {
  const rule = TRANSITIONS[action];
  return rule.sides.some((side) => holdings[side]?.some((r) => rule.roles.includes(r)));
}

/** The actions this person may take now (the dossier page shows these). */
export function availableActions(s: WorkflowState, holdings: Holdings): Action[] {
  return (Object.keys(TRANSITIONS) as WorkflowAction[]).filter(
    (a): a is Action => a !== 'close' && mayTake(a, holdings) && checkAction(s, a, a === 'send_back' ? { toStep: 'appraise' } : {}) === null,
  );
}

/** Invariants every reachable state keeps; the property test checks them after random action sequences. */
export function invariantViolations(s: WorkflowState): string[] {
  const out: string[] = [];
  const final = !['pending_acceptance', ...OPEN].includes(s.status);
  if (final && s.step !== null) out.push('a final status has a step');
  if (!final && s.step === null) out.push('an open status has no step');
  if ((s.status === 'pending_acceptance') !== (s.step === 'receive')) out.push('receive step iff pending acceptance');
  if (s.status === 'supplement_requested' && s.step !== 'appraise') out.push('supplementation outside appraisal');
  if (s.step === 'sign' && s.outcome !== 'approved') out.push('signing without approval');
  if (s.step === 'return' && s.outcome === null) out.push('returning without a decision');
  if ((s.step === 'appraise' || s.step === 'approve') && s.outcome !== null) out.push('a decision before approval');
  if (s.status === 'returned' && s.outcome === null) out.push('returned without a decision');
  if (s.status === 'stopped' && s.outcome !== null) out.push('stopped after the decision');
  if (s.supplementRequests > 1) out.push('supplementation requested twice');
  if (s.openConsultations < 0) out.push('negative consultations');
  return out;
}

export function initialState(channel: 'online' | 'desk'): WorkflowState {
  return {
    status: channel === 'online' ? 'pending_acceptance' : 'processing',
    step: channel === 'online' ? 'receive' : 'appraise',
    outcome: null,
    supplementRequests: 0,
    extended: false,
    openConsultations: 0,
  };
}
