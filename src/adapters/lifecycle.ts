// Where the running service is in its life, for /readyz [#19]: a load balancer sends traffic only
// to an instance whose store answers, whose mail dispatcher runs and that is not shutting down.
export class ServiceLifecycle {
  /** Set by startService once the outbox timer runs; a container built alone never dispatches. */
  dispatcherRunning = false;
  /** Set when shutdown starts: in-flight requests finish, new traffic should go elsewhere. */
  draining = false;
}
