// The whole preload: window.deckhand, built from the contract. Nothing raw is exposed.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createClient, IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../shared/rpc';

const deckhand = createClient({
  invoke: (method, input) => ipcRenderer.invoke(IPC_INVOKE_CHANNEL, method, input),
  listen: (listener) => {
    const forward = (_event: IpcRendererEvent, name: string, payload: unknown) => listener(name, payload);
    ipcRenderer.on(IPC_EVENT_CHANNEL, forward);
    return () => ipcRenderer.off(IPC_EVENT_CHANNEL, forward);
  },
});

contextBridge.exposeInMainWorld('deckhand', deckhand);
