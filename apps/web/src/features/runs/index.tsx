export const RunsPage = () => <p className="page">Runs are being built.</p>;
export const RunDetailPage = () => <p className="page">Run detail is being built.</p>;
