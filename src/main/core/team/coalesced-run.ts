// A task run once at a time per session: asked again while it runs, it runs once more when done
// (never twice at once, never left behind a change it did not see). A new session's run never
// waits on an old one's.

export class CoalescedRun<Session> {
  private running: { session: Session; done: Promise<void> } | null = null;
  private again = false;

  constructor(
    private readonly task: (session: Session) => Promise<void>,
    /** False once the session is over: no further round starts for it. */
    private readonly current: (session: Session) => boolean,
  ) {}

  run(session: Session): Promise<void> {
    if (this.running?.session === session) {
      this.again = true;
      return this.running.done;
    }
    const rounds = async () => {
      do {
        this.again = false;
        await this.task(session);
      } while (this.again && this.current(session));
    };
    const done: Promise<void> = rounds().finally(() => {
      if (this.running?.done === done) this.running = null;
    });
    this.running = { session, done };
    return done;
  }
}
