/**
 * Undo/redo over serialised designs (JSON strings): a bounded list and a cursor. Recording the state the
 * cursor already shows is a no-op; recording after an undo drops the redo branch.
 */
export class DesignHistory {
  private states: string[] = [];
  private at = -1;
  private readonly limit: number;

  constructor(limit = 60) {
    this.limit = limit;
  }

  /** Start over from one state (a load, a restore, a save that reset the baseline). */
  reset(state: string): void {
    this.states = [state];
    this.at = 0;
  }

  /** Record a new state; false when it equals the current one. */
  record(state: string): boolean {
    if (this.states[this.at] === state) return false;
    this.states = this.states.slice(0, this.at + 1);
    this.states.push(state);
    if (this.states.length > this.limit) this.states.shift();
    this.at = this.states.length - 1;
    return true;
  }

  /** Move the cursor by `delta` (-1 undo, +1 redo); the state now current, or null at either end. */
  step(delta: number): string | null {
    const to = this.at + delta;
    if (to < 0 || to >= this.states.length) return null;
    this.at = to;
    return this.states[to]!;
  }

  get current(): string | undefined {
    return this.states[this.at];
  }
}
