// The filtered stream's body as lines: X ends every JSON message with \r\n and sends a bare \r\n as
// a keep-alive. Chunks arrive as the socket delivers them, so a line (or its \r\n) may be split
// across any number of chunks; what is left over waits for the next chunk.

export class StreamLines {
  private partial = '';

  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: string): void {
    const text = this.partial === '' ? chunk : this.partial + chunk;
    let start = 0;
    for (let end = text.indexOf('\r\n'); end !== -1; end = text.indexOf('\r\n', start)) {
      if (end > start) this.onLine(text.slice(start, end));
      start = end + 2;
    }
    this.partial = start === 0 ? text : text.slice(start);
  }

  /** A new connection starts clean: a line cut by the old one is part of its gap. */
  reset(): void {
    this.partial = '';
  }
}
