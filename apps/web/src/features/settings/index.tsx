export const SettingsPage = () => <p className="page">SettingsPage is being built.</p>;
