// Service worker for new-order notifications only: phones (Android Chrome) have no `new Notification()`,
// only registration.showNotification(). No fetch handler: it never caches or touches requests.
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = event.notification.data && event.notification.data.url;
  if (typeof url === 'string' && url.startsWith('/dashboard/')) event.waitUntil(self.clients.openWindow(url));
});
