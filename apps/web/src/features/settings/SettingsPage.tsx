import { NavLink, Navigate, Route, Routes } from 'react-router';
import { PageHeader } from '../../ui/index.js';
import { AuditPanel } from './AuditPanel.js';
import { BrandKitPanel } from './BrandKitPanel.js';
import { ConnectionsPanel } from './ConnectionsPanel.js';
import { NotificationsPanel } from './NotificationsPanel.js';
import { UsersPanel } from './UsersPanel.js';
import './settings.css';

const TABS = [
  { to: 'users', label: 'Users and roles' },
  { to: 'brand', label: 'Brand kit' },
  { to: 'connections', label: 'Connections' },
  { to: 'notifications', label: 'Notifications' },
  { to: 'audit', label: 'Audit log' },
];

export function SettingsPage() {
  return (
    <div className="page settings">
      <PageHeader
        title="Settings"
        subtitle="People, brand, outside services and the audit trail."
      />
      <nav className="settings-tabs" aria-label="Settings sections">
        {TABS.map((t) => (
          <NavLink key={t.to} to={`/settings/${t.to}`} className="settings-tab">
            {t.label}
          </NavLink>
        ))}
      </nav>
      <Routes>
        {/* Absolute: relative to a splat match, "users" was appended to the unknown path and
            matched the splat again, redirecting forever (a mistyped link froze the tab). */}
        <Route index element={<Navigate to="/settings/users" replace />} />
        <Route path="users" element={<UsersPanel />} />
        <Route path="brand" element={<BrandKitPanel />} />
        <Route path="connections" element={<ConnectionsPanel />} />
        <Route path="notifications" element={<NotificationsPanel />} />
        <Route path="audit" element={<AuditPanel />} />
        <Route path="*" element={<Navigate to="/settings/users" replace />} />
      </Routes>
    </div>
  );
}
