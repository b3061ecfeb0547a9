/** Route components of the staff workspace, loaded as one chunk after sign-in. */
import { PERMISSIONS } from '../api/schemas';
import { ChangePasswordPage } from '../features/auth/ChangePasswordPage';
import { CalendarPage } from '../features/calendar/CalendarPage';
import { SecurityPage } from '../features/auth/SecurityPage';
import { TotpEnrolmentPage } from '../features/auth/TotpEnrolmentPage';
import { StaffPage } from '../features/org/StaffPage';
import { UnitsPage } from '../features/org/UnitsPage';
import { CountersPage } from '../features/contacts/CountersPage';
import { ReceptionPage } from '../features/contacts/ReceptionPage';
import { ProcedureEditPage } from '../features/catalog/ProcedureEditPage';
import { ProceduresAdminPage } from '../features/catalog/ProceduresAdminPage';
import { WorkspaceHomePage } from '../features/workspace/WorkspaceHomePage';
import { DossierPage } from '../features/dossiers/DossierPage';
import { InboxPage } from '../features/dossiers/InboxPage';
import { IntakePage } from '../features/dossiers/IntakePage';
import { PrintPage } from '../features/dossiers/PrintPage';
import { RegisterPage } from '../features/dossiers/RegisterPage';
import { CertificatesPage } from '../features/documents/CertificatesPage';
import { LettersPage } from '../features/documents/LettersPage';
import { FeedbackPage } from '../features/feedback/FeedbackPage';
import { ImportsPage } from '../features/imports/ImportsPage';
import { HotlinePage } from '../features/feedback/HotlinePage';
import { RatingsPage } from '../features/feedback/RatingsPage';
import { ServiceIndexPage } from '../features/reports/ServiceIndexPage';
import { StatisticsPage } from '../features/reports/StatisticsPage';
import { RequirePermission } from './RequirePermission';

export const WorkspaceHomeRoute = WorkspaceHomePage;
export const TotpEnrolmentRoute = TotpEnrolmentPage;
export const ChangePasswordRoute = ChangePasswordPage;
export const SecurityRoute = SecurityPage;

export function UnitsRoute() {
  return (
    <RequirePermission permission={PERMISSIONS.unitsRead}>
      <UnitsPage />
    </RequirePermission>
  );
}

/** Every staff member reads the counters and roster; editing them needs org.units.write (checked on the page). */
export function CountersRoute() {
  return (
    <RequirePermission permission={PERMISSIONS.unitsRead}>
      <CountersPage />
    </RequirePermission>
  );
}

/** Every staff member reads the reception schedule; org.reception.write (admins, leaders) edits it. */
export function ReceptionRoute() {
  return (
    <RequirePermission permission={PERMISSIONS.unitsRead}>
      <ReceptionPage />
    </RequirePermission>
  );
}

export function StaffRoute() {
  return (
    <RequirePermission permission={PERMISSIONS.staffRead}>
      <StaffPage />
    </RequirePermission>
  );
}

export function ProceduresRoute() {
  return (
    <RequirePermission permission={PERMISSIONS.catalogRead}>
      <ProceduresAdminPage />
    </RequirePermission>
  );
}

/** Editing needs catalog.write; readers see the same page read-only, creating needs the write permission. */
export function ProcedureEditRoute() {
  return (
    <RequirePermission permission={PERMISSIONS.catalogRead}>
      <ProcedureEditPage />
    </RequirePermission>
  );
}

export function ProcedureCreateRoute() {
  return (
    <RequirePermission permission={PERMISSIONS.catalogWrite}>
      <ProcedureEditPage />
    </RequirePermission>
  );
}

export function CalendarRoute() {
  return (
    <RequirePermission permission={PERMISSIONS.calendarWrite}>
      <CalendarPage />
    </RequirePermission>
  );
}

export function IntakeRoute() {
  return (
    <RequirePermission permission={PERMISSIONS.dossierIntake}>
      <IntakePage />
    </RequirePermission>
  );
}

export function InboxRoute() {
  return (
    <RequirePermission permission={PERMISSIONS.dossierRead}>
      <InboxPage />
    </RequirePermission>
  );
}

export function DossierRoute() {
  return (
    <RequirePermission permission={PERMISSIONS.dossierRead}>
      <DossierPage />
    </RequirePermission>
  );
}

export function DossierPrintRoute() {
  return (
    <RequirePermission permission={PERMISSIONS.dossierRead}>
      <PrintPage />
    </RequirePermission>
  );
}

export function RegisterRoute() {
  return (
    <RequirePermission permission={PERMISSIONS.dossierRead}>
      <RegisterPage />
    </RequirePermission>
  );
}

export function CertificatesRoute() {
  return (
    <RequirePermission permission={PERMISSIONS.documentsAdmin}>
      <CertificatesPage />
    </RequirePermission>
  );
}

/** Officers who read dossiers (the server's permission for the statistics); it counts the units in their scope. */
export function LettersRoute() {
  return (
    <RequirePermission permission={PERMISSIONS.dossierRead}>
      <LettersPage />
    </RequirePermission>
  );
}

/** Whoever picks up the hotline (receptionists, leaders) logs the call. */
export function HotlineRoute() {
  return (
    <RequirePermission permission={PERMISSIONS.feedbackWrite}>
      <HotlinePage />
    </RequirePermission>
  );
}

/** Leaders read and answer the suggestions and calls of their units. */
export function FeedbackRoute() {
  return (
    <RequirePermission permission={PERMISSIONS.feedbackAnswer}>
      <FeedbackPage />
    </RequirePermission>
  );
}

/** The ratings summary: the server's permission for it is reading dossiers (it counts the units in scope). */
export function RatingsRoute() {
  return (
    <RequirePermission permission={PERMISSIONS.dossierRead}>
      <RatingsPage />
    </RequirePermission>
  );
}

export function ServiceIndexRoute() {
  return (
    <RequirePermission permission={PERMISSIONS.reportsRead}>
      <ServiceIndexPage />
    </RequirePermission>
  );
}

/** The periodic statistics of the units in the reports.read scope, with their exports. */
export function StatisticsRoute() {
  return (
    <RequirePermission permission={PERMISSIONS.reportsRead}>
      <StatisticsPage />
    </RequirePermission>
  );
}

/** The historical import of dossiers (administrators). */
export function ImportsRoute() {
  return (
    <RequirePermission permission={PERMISSIONS.dossierImport}>
      <ImportsPage />
    </RequirePermission>
  );
}
