export const FlowEditorPage = () => <p className="page">Editor</p>;
