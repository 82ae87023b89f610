import { createContext, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Role, User } from '@tandem/schema';
import { api, getToken, onUnauthenticated, setToken } from '../api/client.js';
import { connectSocket, disconnectSocket } from '../api/socket.js';
import { runBeforeLogout } from './before-logout.js';

export interface AuthContextValue {
  user: User | null;
  roles: Role[];
  hasRole: (...roles: Role[]) => boolean;
  login: (email: string, password: string) => Promise<User>;
  logout: () => Promise<void>;
}

export const AuthContext = createContext<AuthContextValue | null>(null);

const USER_KEY = 'tandem.user';

function readStoredUser(): User | null {
  if (!getToken()) return null;
  try {
    const raw = sessionStorage.getItem(USER_KEY);
    return raw ? (JSON.parse(raw) as User) : null;
  } catch {
    return null;
  }
}

function storeUser(user: User | null): void {
  try {
    if (user) sessionStorage.setItem(USER_KEY, JSON.stringify(user));
    else sessionStorage.removeItem(USER_KEY);
  } catch {
    // Storage disabled: the session lasts for this page only.
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(readStoredUser);

  const clear = useCallback(() => {
    setToken(null);
    storeUser(null);
    disconnectSocket();
    setUser(null);
  }, []);

  useEffect(() => onUnauthenticated(clear), [clear]);

  // A stored session may have been revoked or expired since this tab last used it: check once
  // on start-up (a 401 clears it through onUnauthenticated) and pick up role changes.
  useEffect(() => {
    if (!getToken()) return;
    api
      .get<{ user: User }>('/api/auth/me')
      .then((me) => {
        storeUser(me.user);
        setUser(me.user);
      })
      .catch(() => undefined);
  }, []);

  // One socket per signed-in user: a refreshed user object (same id) keeps the connection.
  const userId = user?.id;
  useEffect(() => {
    const token = getToken();
    if (userId && token) connectSocket(token);
    return () => disconnectSocket();
  }, [userId]);

  const login = useCallback(async (email: string, password: string) => {
    const result = await api.post<{ token: string; user: User }>('/api/auth/login', {
      email,
      password,
    });
    setToken(result.token);
    storeUser(result.user);
    setUser(result.user);
    return result.user;
  }, []);

  const logout = useCallback(async () => {
    await runBeforeLogout();
    try {
      await api.post('/api/auth/logout');
    } catch {
      // The session is dropped locally either way; an expired token cannot be revoked twice.
    }
    clear();
  }, [clear]);

  const value = useMemo<AuthContextValue>(() => {
    const roles = user?.roles ?? [];
    return {
      user,
      roles,
      hasRole: (...wanted) => wanted.some((r) => roles.includes(r)),
      login,
      logout,
    };
  }, [user, login, logout]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
