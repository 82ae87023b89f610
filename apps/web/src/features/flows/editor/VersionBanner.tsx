import type { FlowVersion } from '@tandem/schema';
import { Button } from '../../../ui/index.js';

/** Says which published version the canvas shows read-only, with the ways back to editing. */
export function VersionBanner({
  viewing,
  onRestore,
  onBackToDraft,
}: {
  viewing: FlowVersion;
  onRestore: (version: FlowVersion) => void;
  onBackToDraft: () => void;
}) {
  return (
    <div className="version-banner" role="status">
      Viewing version {viewing.number} (read-only).
      <Button size="sm" onClick={() => onRestore(viewing)}>
        Restore as draft
      </Button>
      <Button size="sm" variant="ghost" onClick={onBackToDraft}>
        Back to the draft
      </Button>
    </div>
  );
}
