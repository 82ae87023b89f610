export { LibraryPage } from './LibraryPage.js';
