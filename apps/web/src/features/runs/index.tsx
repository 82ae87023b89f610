export { RunsPage } from './RunsPage.js';
export { RunDetailPage } from './RunDetailPage.js';
