import { contextBridge, ipcRenderer } from 'electron';

// Exactly one capability crosses into the page: invoke(method, input) → the dispatcher's envelope.
contextBridge.exposeInMainWorld('ledger', {
  invoke: (method: string, input: unknown): Promise<unknown> => ipcRenderer.invoke('ledger:invoke', method, input),
});
