import { sequence } from 'astro:middleware';
import {
  auth, clientAddress, compression, locale, pageCache, requestGuard, routeErrors, securityHeaders, timers,
} from './server/http/middleware/steps.ts';

/**
 * Every request passes these steps in order (each in src/server/http/middleware/steps.ts). The page cache
 * answers hits before the client IP and session are looked at; routeErrors wraps the guard and the route.
 */
export const onRequest = sequence(
  timers, locale, securityHeaders, compression, pageCache, clientAddress, auth, routeErrors, requestGuard,
);
