// The ceiling of the team's propagation figure: the least a server can do to get one desktop's
// message to the others. A bare `ws` server (its own process, like the hub) that relays every text
// frame it receives to every other open socket, unparsed. Prints its URL once listening.
import { WebSocketServer } from 'ws';

const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
server.on('connection', (socket) => {
  socket.on('error', () => {}); // a broken peer closes; nothing to relay to it any more
  socket.on('message', (data, isBinary) => {
    for (const other of server.clients) if (other !== socket && other.readyState === other.OPEN) other.send(data, { binary: isBinary });
  });
});
server.on('listening', () => {
  const address = server.address();
  const port = typeof address === 'string' ? address : address?.port;
  process.stdout.write(`Broadcast relay ready: ws://127.0.0.1:${port}\n`);
});
process.once('SIGTERM', () => process.exit(0));
