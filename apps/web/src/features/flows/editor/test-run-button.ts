/** The id of the toolbar's Test run button. */
export const TEST_RUN_BUTTON_ID = 'test-run-button';

/**
 * Puts the focus on Test run, for controls that go away with what they act on (hiding the test
 * run bar removes the bar and its button): the focus would fall to the page body.
 */
export function focusTestRunButton(): void {
  document.getElementById(TEST_RUN_BUTTON_ID)?.focus();
}
