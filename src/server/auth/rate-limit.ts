/** Rate-limit state is stored through the tenant module (the only place besides db/ that queries). */
export {
  hitWindow,
  secondsBlocked,
  FREE_FAILURES,
  backoffSeconds,
  claimAttempt,
  clearFailures,
  type AttemptClaim,
} from '../tenant/rate-limits.ts';
