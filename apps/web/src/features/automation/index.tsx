export { AutomationPage } from './AutomationPage.js';
