export { startServer, ensureWebBuilt, REPO_ROOT, type TandemServer } from './server.js';
export { launchBrowser, chromiumPath, CHROMIUM_ARGS, INSTALL_HINT } from './browser.js';
export { describeBrowser } from './describe-browser.js';
export { loginAs, DEMO_PASSWORD } from './auth.js';
export { startWebhookSink, type WebhookSink, type ReceivedRequest } from './webhook-sink.js';
export { saveScreenshot, SCREENSHOT_DIR } from './screenshots.js';
export { apiLogin, type ApiClient } from './api.js';
