/**
 * A birth registration (starter catalog "1.001193") taken through the API from
 * the desk to a given point: received at a counter, forwarded, approved and
 * signed with the extract's values, and — for `returnedDossier` — handed over.
 * The unit needs the counter and a signing certificate (test/staff.ts).
 */
import { randomUUID } from 'node:crypto';
import type { Dossier, IntakeResult } from '../contracts/dossiers.js';
import { ok } from './dossier-actions.js';
import type { Client } from './harness.js';

export const BIRTH_PROCEDURE = '1.001193';
export const BIRTH_APPLICANT = { kind: 'person', fullName: 'Nguyễn Thị Hồng Nhung', idNumber: '001190012345', birthDate: '1990-05-17', address: 'Số 5 ngõ 12 phố Huế, Hà Nội', phone: '0912 345 678' } as const;
const CHILD = { 'child.fullName': 'Trần Gia Bảo Ngọc', 'child.birthDate': '02/11/2026', 'child.gender': 'Nữ', 'child.birthPlace': 'Bệnh viện Phụ sản Hà Nội', 'parents.names': 'Trần Văn Hùng và Nguyễn Thị Hồng Nhung' };

/** Who takes the dossier through; `counterCode` defaults to Q1, the counter `oneStopTeam` makes. */
export type DossierTeam = { reception: Client; specialist: Client; leader: Client; counterCode?: string };

/** Received at the counter, appraised, approved and signed: the result waits at the desk. With the receipt's lookup secret. */
export async function signedDossier(team: DossierTeam): Promise<{ dossier: Dossier; secret: string }> {
  const body = {
    procedureCode: BIRTH_PROCEDURE,
    counterCode: team.counterCode ?? 'Q1',
    applicant: BIRTH_APPLICANT,
    documents: [0, 1, 2].map((index) => ({ index, received: true, form: 'original', count: 1 })),
    outcome: 'accepted',
  };
  const res = await team.reception.request('POST', '/api/v1/dossiers', body, { 'idempotency-key': randomUUID() });
  if (res.status !== 201) throw new Error(`intake: ${res.status} ${JSON.stringify(res.json())}`);
  const { dossier, secret } = res.json() as IntakeResult;
  const appraised = await ok(team.specialist, dossier, 'forward');
  const approved = await ok(team.leader, appraised, 'approve');
  return { dossier: await ok(team.leader, approved, 'sign', { resultValues: CHILD }), secret: secret ?? '' };
}

/** As `signedDossier`, then handed over at the desk: status `returned`. */
export async function returnedDossier(team: DossierTeam): Promise<{ dossier: Dossier; secret: string }> {
  const { dossier, secret } = await signedDossier(team);
  const returned = await ok(team.reception, dossier, 'return_result', { method: 'desk', receivedBy: BIRTH_APPLICANT.fullName });
  if (returned.status !== 'returned') throw new Error(`return_result left the dossier ${returned.status}`);
  return { dossier: returned, secret };
}
