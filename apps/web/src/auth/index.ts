export { AuthProvider, type AuthContextValue } from './AuthProvider.js';
export { useAuth } from './use-auth.js';
export { LoginPage } from './LoginPage.js';
export { RequireAuth, RequireRole } from './RequireAuth.js';
export { homePathFor } from './home-path.js';
export { onBeforeLogout } from './before-logout.js';
