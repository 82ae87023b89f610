export { InboxPage } from './InboxPage.js';
