/*
 * Whether AI steps run offline can change while the app is open: an admin saves, switches off
 * or deletes an LLM endpoint in Settings. The shell's banner listens, so it does not keep
 * telling the admin to do what they just did.
 */
const AI_SETUP_CHANGED = 'tandem:ai-setup-changed';

export function announceAiSetupChanged(): void {
  window.dispatchEvent(new Event(AI_SETUP_CHANGED));
}

export function onAiSetupChanged(listener: () => void): () => void {
  window.addEventListener(AI_SETUP_CHANGED, listener);
  return () => window.removeEventListener(AI_SETUP_CHANGED, listener);
}
