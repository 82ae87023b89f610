import { lazy } from 'react';
import { createBrowserRouter, Navigate, RouterProvider, type RouteObject } from 'react-router';
import {
  AuthProvider,
  homePathFor,
  LoginPage,
  RequireAuth,
  RequireRole,
  useAuth,
} from './auth/index.js';
import { AppShell } from './shell/AppShell.js';
import { RouteFocus, type RouteHandle } from './shell/RouteFocus.js';
import { EmptyState, ToastProvider } from './ui/index.js';

// Each area is its own chunk: a reviewer on a phone never downloads the canvas.
const FlowsPage = lazy(() =>
  import('./features/flows/FlowsPage.js').then((m) => ({ default: m.FlowsPage })),
);
const FlowEditorPage = lazy(() =>
  import('./features/flows/editor/FlowEditorPage.js').then((m) => ({ default: m.FlowEditorPage })),
);
const InboxPage = lazy(() =>
  import('./features/inbox/index.js').then((m) => ({ default: m.InboxPage })),
);
const AutomationPage = lazy(() =>
  import('./features/automation/index.js').then((m) => ({ default: m.AutomationPage })),
);
const RunsPage = lazy(() =>
  import('./features/runs/index.js').then((m) => ({ default: m.RunsPage })),
);
const RunDetailPage = lazy(() =>
  import('./features/runs/index.js').then((m) => ({ default: m.RunDetailPage })),
);
const LibraryPage = lazy(() =>
  import('./features/library/index.js').then((m) => ({ default: m.LibraryPage })),
);
const SettingsPage = lazy(() =>
  import('./features/settings/index.js').then((m) => ({ default: m.SettingsPage })),
);

const AccountPage = lazy(() =>
  import('./features/account/AccountPage.js').then((m) => ({ default: m.AccountPage })),
);

function Home() {
  const { roles } = useAuth();
  return <Navigate to={homePathFor(roles)} replace />;
}

const redirect: RouteHandle = { redirect: true };

const routes: RouteObject[] = [
  { path: '/login', element: <LoginPage /> },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppShell />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <Home />, handle: redirect },
      {
        path: 'flows',
        element: (
          <RequireRole roles={['designer', 'admin']}>
            <FlowsPage />
          </RequireRole>
        ),
      },
      {
        path: 'flows/:id',
        element: (
          <RequireRole roles={['designer', 'admin']}>
            <FlowEditorPage />
          </RequireRole>
        ),
      },
      // Everyone's: the tasks listed are those the server lets this user decide (nav-items.ts).
      { path: 'inbox/:taskId?', element: <InboxPage /> },
      {
        path: 'runs',
        element: (
          // Reviewers see a run from its task; the list (every flow's runs) is not theirs.
          <RequireRole
            roles={['designer', 'manager', 'admin']}
            hint="Runs are listed for designers and managers. Your tasks show their run's input and earlier steps: open one from the inbox."
          >
            <RunsPage />
          </RequireRole>
        ),
      },
      { path: 'runs/:id', element: <RunDetailPage /> },
      {
        path: 'automation/:flowId?',
        element: (
          <RequireRole roles={['manager', 'admin']}>
            <AutomationPage />
          </RequireRole>
        ),
      },
      {
        path: 'library/:entryId?',
        element: (
          <RequireRole roles={['designer', 'manager', 'admin']}>
            <LibraryPage />
          </RequireRole>
        ),
      },
      // Every signed-in person's own choices (review emails): no role needed.
      { path: 'account', element: <AccountPage /> },
      {
        path: 'settings/*',
        element: (
          <RequireRole roles={['admin']}>
            <SettingsPage />
          </RequireRole>
        ),
      },
      {
        path: '*',
        element: (
          <EmptyState
            title="Page not found"
            body="The link may be old. Use the menu on the left to find your way."
          />
        ),
      },
    ],
  },
];

const router = createBrowserRouter([{ element: <RouteFocus />, children: routes }]);

export function App() {
  return (
    <ToastProvider>
      <AuthProvider>
        <RouterProvider router={router} />
      </AuthProvider>
    </ToastProvider>
  );
}
