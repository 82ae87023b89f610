import { FlaskConical } from 'lucide-react';
import { Badge } from '../../ui/index.js';

/** Marks a test run wherever runs are listed or shown: nothing it did went out. */
export function TestRunBadge() {
  return (
    <span className="test-run-badge" data-testid="test-run-badge">
      <Badge tone="accent" title="A test run: nothing was sent, and only its starter reviewed it">
        <FlaskConical size={12} aria-hidden="true" /> Test run
      </Badge>
    </span>
  );
}
