import { contextBridge, ipcRenderer } from 'electron';
import type { FolioBridge } from '../shared/api/envelope';

/**
 * The whole surface the renderer gets: one typed call into the dispatcher. No ipcRenderer,
 * no Node, no events; the renderer cannot reach anything the API contract does not name.
 */
const bridge: FolioBridge = {
  call: (method, input, lang) => ipcRenderer.invoke('folio:call', method, input, lang),
};

contextBridge.exposeInMainWorld('folio', bridge);
