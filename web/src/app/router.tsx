import { createBrowserRouter } from 'react-router';
import { loadStaffMessages } from '../i18n/staff-messages';
import { HomePage } from '../features/public/HomePage';
import { NotFoundPage } from './NotFoundPage';
import { PublicShell } from './PublicShell';

// The public pages load first and stay small for phones; the staff workspace is split off.
export const router = createBrowserRouter([
  {
    element: <PublicShell />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'staff/login', lazy: async () => ({ Component: (await import('../features/auth/LoginPage')).LoginPage }) },
      // The public procedure catalog (Vietnamese paths: what citizens type and share).
      {
        path: 'thu-tuc',
        lazy: async () => ({ Component: (await import('../features/catalog/ProcedureSearchPage')).ProcedureSearchPage }),
      },
      {
        path: 'thu-tuc/:code',
        lazy: async () => ({ Component: (await import('../features/catalog/ProcedurePage')).ProcedurePage }),
      },
      // The public dossier lookup (code + secret from the receipt, or its QR code's fragment).
      { path: 'tra-cuu', lazy: async () => ({ Component: (await import('../features/dossiers/LookupPage')).LookupPage }) },
      // The public verification of an issued document (the code printed on it and in its QR code).
      { path: 'verify', lazy: async () => ({ Component: (await import('../features/documents/VerifyPage')).VerifyPage }) },
      { path: 'verify/:code', lazy: async () => ({ Component: (await import('../features/documents/VerifyPage')).VerifyPage }) },
      // The applicant's satisfaction rating (code + secret, or the lookup's fragment) and the anonymous suggestion box.
      { path: 'danh-gia', lazy: async () => ({ Component: (await import('../features/feedback/RatePage')).RatePage }) },
      { path: 'gop-y', lazy: async () => ({ Component: (await import('../features/feedback/SuggestionPage')).SuggestionPage }) },
      // The units' public contacts: address, hours, hotline, counters with today's officer on duty, the reception schedule.
      { path: 'don-vi', lazy: async () => ({ Component: (await import('../features/contacts/UnitFinderPage')).UnitFinderPage }) },
      { path: 'don-vi/:code', lazy: async () => ({ Component: (await import('../features/contacts/UnitContactsPage')).UnitContactsPage }) },
      // Citizens' accounts: sign-up, sign-in (password, e-mail code, VNeID), the profile.
      { path: 'dang-ky', lazy: async () => ({ Component: (await import('../features/citizen/SignUpPage')).SignUpPage }) },
      { path: 'dang-nhap', lazy: async () => ({ Component: (await import('../features/citizen/SignInPage')).SignInPage }) },
      { path: 'tai-khoan', lazy: async () => ({ Component: (await import('../features/citizen/AccountPage')).AccountPage }) },
      // The citizen portal: applying online (how it works is public), then the signed-in citizen's drafts and dossiers.
      { path: 'nop-truc-tuyen', lazy: async () => ({ Component: (await import('../features/portal/ApplyLandingPage')).ApplyLandingPage }) },
      {
        lazy: async () => ({ Component: (await import('../features/citizen/RequireCitizen')).RequireCitizen }),
        children: [
          { path: 'nop-truc-tuyen/:procedureCode', lazy: async () => ({ Component: (await import('../features/portal/ApplyPage')).ApplyPage }) },
          { path: 'ho-so-cua-toi', lazy: async () => ({ Component: (await import('../features/portal/MyDossiersPage')).MyDossiersPage }) },
          { path: 'ho-so-cua-toi/nhap', lazy: async () => ({ Component: (await import('../features/portal/DraftsPage')).DraftsPage }) },
          { path: 'ho-so-cua-toi/:code', lazy: async () => ({ Component: (await import('../features/portal/MyDossierPage')).MyDossierPage }) },
        ],
      },
      {
        path: 'thong-ke/thu-tuc',
        lazy: async () => ({ Component: (await import('../features/catalog/CatalogStatsPage')).CatalogStatsPage }),
      },
    ],
  },
  // The public transparency board of the province and of each unit; `?tv=1` shows it alone for a large screen.
  {
    path: 'cong-khai',
    lazy: async () => ({ Component: (await import('../features/board/BoardLayout')).BoardLayout }),
    children: [
      { index: true, lazy: async () => ({ Component: (await import('../features/board/BoardPage')).BoardPage }) },
      { path: ':unitCode', lazy: async () => ({ Component: (await import('../features/board/BoardPage')).BoardPage }) },
    ],
  },
  {
    path: 'staff',
    // The workspace's own messages come with it (i18n/staff-messages.ts).
    lazy: async () => {
      const [{ StaffGate }] = await Promise.all([import('./StaffGate'), loadStaffMessages()]);
      return { Component: StaffGate };
    },
    children: [
      { index: true, lazy: async () => ({ Component: (await import('./staff-routes')).WorkspaceHomeRoute }) },
      { path: 'totp-enrolment', lazy: async () => ({ Component: (await import('./staff-routes')).TotpEnrolmentRoute }) },
      { path: 'change-password', lazy: async () => ({ Component: (await import('./staff-routes')).ChangePasswordRoute }) },
      { path: 'security', lazy: async () => ({ Component: (await import('./staff-routes')).SecurityRoute }) },
      { path: 'units', lazy: async () => ({ Component: (await import('./staff-routes')).UnitsRoute }) },
      { path: 'staff', lazy: async () => ({ Component: (await import('./staff-routes')).StaffRoute }) },
      { path: 'counters', lazy: async () => ({ Component: (await import('./staff-routes')).CountersRoute }) },
      { path: 'reception', lazy: async () => ({ Component: (await import('./staff-routes')).ReceptionRoute }) },
      { path: 'calendar', lazy: async () => ({ Component: (await import('./staff-routes')).CalendarRoute }) },
      { path: 'procedures', lazy: async () => ({ Component: (await import('./staff-routes')).ProceduresRoute }) },
      { path: 'procedures/new', lazy: async () => ({ Component: (await import('./staff-routes')).ProcedureCreateRoute }) },
      { path: 'procedures/:code', lazy: async () => ({ Component: (await import('./staff-routes')).ProcedureEditRoute }) },
      { path: 'intake', lazy: async () => ({ Component: (await import('./staff-routes')).IntakeRoute }) },
      { path: 'dossiers', lazy: async () => ({ Component: (await import('./staff-routes')).InboxRoute }) },
      { path: 'dossiers/:code', lazy: async () => ({ Component: (await import('./staff-routes')).DossierRoute }) },
      { path: 'dossiers/:code/print/:form', lazy: async () => ({ Component: (await import('./staff-routes')).DossierPrintRoute }) },
      { path: 'register', lazy: async () => ({ Component: (await import('./staff-routes')).RegisterRoute }) },
      { path: 'certificates', lazy: async () => ({ Component: (await import('./staff-routes')).CertificatesRoute }) },
      { path: 'letters', lazy: async () => ({ Component: (await import('./staff-routes')).LettersRoute }) },
      { path: 'hotline', lazy: async () => ({ Component: (await import('./staff-routes')).HotlineRoute }) },
      { path: 'feedback', lazy: async () => ({ Component: (await import('./staff-routes')).FeedbackRoute }) },
      { path: 'ratings', lazy: async () => ({ Component: (await import('./staff-routes')).RatingsRoute }) },
      { path: 'service-index', lazy: async () => ({ Component: (await import('./staff-routes')).ServiceIndexRoute }) },
      // Its own chunk: the charts (recharts) load with this page only.
      { path: 'dashboard', lazy: async () => ({ Component: (await import('../features/reports/DashboardPage')).DashboardRoute }) },
      { path: 'statistics', lazy: async () => ({ Component: (await import('./staff-routes')).StatisticsRoute }) },
      { path: 'imports', lazy: async () => ({ Component: (await import('./staff-routes')).ImportsRoute }) },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
  {
    element: <PublicShell />,
    children: [{ path: '*', element: <NotFoundPage /> }],
  },
]);
