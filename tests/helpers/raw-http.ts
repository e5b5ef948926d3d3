// Writes an HTTP request by hand (request lines no HTTP client would send) and reads the answer.
import { connect } from 'node:net';

/** What the server answered before closing (or before `timeoutMs`), '' if it closed silently. */
export function rawRequest(port: number, request: string, timeoutMs = 2_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(answer);
    }, timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('latin1');
      // One answer is enough: a server that keeps the connection open must not hold the test.
      if (/\r\n\r\n/.test(answer) && !/^HTTP\/1\.1 101/.test(answer)) socket.end();
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(answer);
    });
    socket.write(request);
  });
}
