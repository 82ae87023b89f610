import { useAuth } from '../../../auth/use-auth.js';
import { usesPicker } from '../graph/reference-problems.js';
import { useEditorStore } from './editor.store.js';
import { useDirectoryRefresh } from './use-directory.js';

/**
 * Loads the saved connections and people the flow's steps name, for the cards (a publish step
 * shows its connection's name) and the problems list (ids that no longer exist). Only people who
 * may pick them can read the directories.
 */
export function useFlowDirectory(): void {
  const { hasRole } = useAuth();
  const canPick = hasRole('designer', 'admin');
  const connections = useEditorStore((s) => canPick && usesPicker(s, s.types, 'connection'));
  const people = useEditorStore((s) => canPick && usesPicker(s, s.types, 'people'));
  useDirectoryRefresh({ connections, people });
}
