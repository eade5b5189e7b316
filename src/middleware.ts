import { sequence } from 'astro:middleware';
import {
  auth,
  clientAddress,
  compression,
  contentSecurityPolicy,
  locale,
  pageCache,
  requestGuard,
  routeErrors,
  securityHeaders,
  timers,
} from './server/http/middleware/steps.ts';

/**
 * Every request passes these steps in order (each in src/server/http/middleware/steps.ts). The page cache
 * answers hits before the client IP and session are looked at; a page it stores already carries the policy
 * that hashes its inline code (contentSecurityPolicy); routeErrors wraps the guard and the route.
 */
export const onRequest = sequence(
  timers,
  locale,
  securityHeaders,
  compression,
  pageCache,
  contentSecurityPolicy,
  clientAddress,
  auth,
  routeErrors,
  requestGuard,
);
