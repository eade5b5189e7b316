/**
 * Security headers of every response. The middleware's securityHeaders step calls only this function:
 * further headers (Content-Security-Policy, HSTS) belong here or in a function called from here.
 */
export function securityHeaders(response: Response): Response {
  // A refused body is never read to its end: close the connection instead of draining it for keep-alive.
  if (response.status === 413) response.headers.set('connection', 'close');
  response.headers.set('x-content-type-options', 'nosniff');
  // Pages holding a secret in their URL (order status) set no-referrer themselves.
  if (!response.headers.has('referrer-policy')) response.headers.set('referrer-policy', 'strict-origin-when-cross-origin');
  if (!response.headers.has('x-frame-options')) response.headers.set('x-frame-options', 'DENY');
  return response;
}
