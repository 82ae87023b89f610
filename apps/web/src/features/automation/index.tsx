export const AutomationPage = () => <p className="page">AutomationPage is being built.</p>;
