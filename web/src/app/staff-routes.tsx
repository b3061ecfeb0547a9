/** Route components of the staff workspace, loaded as one chunk after sign-in. */
import { PERMISSIONS } from '../api/schemas';
import { ChangePasswordPage } from '../features/auth/ChangePasswordPage';
import { SecurityPage } from '../features/auth/SecurityPage';
import { TotpEnrolmentPage } from '../features/auth/TotpEnrolmentPage';
import { StaffPage } from '../features/org/StaffPage';
import { UnitsPage } from '../features/org/UnitsPage';
import { WorkspaceHomePage } from '../features/workspace/WorkspaceHomePage';
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

export function StaffRoute() {
  return (
    <RequirePermission permission={PERMISSIONS.staffRead}>
      <StaffPage />
    </RequirePermission>
  );
}
