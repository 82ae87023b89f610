export const FlowsPage = () => <p className="page">Flows</p>;
