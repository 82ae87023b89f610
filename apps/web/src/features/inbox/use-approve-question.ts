import { useState, type RefObject } from 'react';

/**
 * Approve, or first ask "Approve despite 2 errors?" while error flags remain in the text: the
 * reviewer's second yes (a, Enter or the button) sends it, Esc takes the question back.
 */
export function useApproveQuestion(options: {
  question: string | null;
  canApprove: boolean;
  offline: boolean;
  approve: () => void;
  /** Where the keyboard goes back to once the question is answered. */
  headingRef: RefObject<HTMLElement | null>;
}) {
  const { question, canApprove, offline, approve, headingRef } = options;
  const [confirming, setConfirming] = useState(false);
  const requestApprove = () => {
    if (question && canApprove && !offline) {
      setConfirming(true);
      return;
    }
    approve();
  };
  const confirmApprove = () => {
    setConfirming(false);
    headingRef.current?.focus();
    approve();
  };
  const cancelApprove = () => {
    setConfirming(false);
    headingRef.current?.focus();
  };
  return {
    /** Whether the question shows. */
    asking: confirming && question !== null && canApprove,
    requestApprove,
    confirmApprove,
    cancelApprove,
  };
}
