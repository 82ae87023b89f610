export const InboxPage = () => <p className="page">InboxPage is being built.</p>;
