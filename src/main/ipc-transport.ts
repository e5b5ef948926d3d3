// serve()'s transport over Electron IPC: one connection per renderer (webContents). Requests come
// through ipcMain.handle (the preload's invoke resolves with the envelope); events go out on
// IPC_EVENT_CHANNEL. Only the app's own top-level pages are heard (isAppSender).
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../shared/rpc';
import type { Envelope } from '../shared/errors';
import type { RpcRequest, ServerConnection, ServerTransport } from './core/rpc/serve';
import { isAppSender } from './app-origin';

export interface IpcContext {
  webContentsId: number;
}

const refused = (message: string): Envelope<never> => ({ ok: false, error: { code: 'forbidden', message } });

interface IpcPeer {
  connection: ServerConnection<IpcContext>;
  request(method: unknown, input: unknown): Promise<Envelope<unknown>>;
}

export function ipcTransport(ipcMain: IpcMain, devServerUrl: string | undefined): ServerTransport<IpcContext> {
  let onConnection: (connection: ServerConnection<IpcContext>) => void = (connection) => connection.close('The app is not serving yet');
  const peers = new Map<number, IpcPeer>();

  function peerOf(contents: WebContents): IpcPeer {
    const known = peers.get(contents.id);
    if (known) return known;
    const waiting = new Map<number, (envelope: Envelope<unknown>) => void>();
    let handle: (request: RpcRequest) => void = () => {};
    let closedWith: string | null = null;
    let nextId = 1;
    const connection: ServerConnection<IpcContext> = {
      context: { webContentsId: contents.id },
      onRequest: (handler) => {
        handle = handler;
      },
      respond: (id, envelope) => {
        waiting.get(id)?.(envelope);
        waiting.delete(id);
      },
      sendEvent: (event, payload) => {
        if (!contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, event, payload);
      },
      onClose: (handler) => {
        contents.once('destroyed', handler);
      },
      close: (reason) => {
        closedWith = reason;
        for (const answer of waiting.values()) answer(refused(reason));
        waiting.clear();
      },
    };
    const peer: IpcPeer = {
      connection,
      request: (method, input) => {
        if (closedWith !== null) return Promise.resolve(refused(closedWith));
        const id = nextId++;
        return new Promise((resolve) => {
          waiting.set(id, resolve);
          handle({ id, method, input });
        });
      },
    };
    peers.set(contents.id, peer);
    contents.once('destroyed', () => peers.delete(contents.id));
    onConnection(connection);
    return peer;
  }

  ipcMain.handle(IPC_INVOKE_CHANNEL, (event: IpcMainInvokeEvent, method: unknown, input: unknown) => {
    const frame = event.senderFrame;
    if (!isAppSender(frame && { url: frame.url, isMainFrame: frame.parent === null }, devServerUrl)) return refused('Unknown sender');
    return peerOf(event.sender).request(method, input);
  });

  return {
    onConnection: (handler) => {
      onConnection = handler;
    },
  };
}
