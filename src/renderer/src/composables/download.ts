// Offers a file the core produced as a download (Blob + <a download>): the same in the browser
// and in Electron, with no file system access in the renderer.
import type { ExportedFile } from '../../../shared/domain';
import { downloadName } from '../logic/download-name';

export function offerDownload(file: ExportedFile): string {
  const name = downloadName(file);
  const url = URL.createObjectURL(new Blob([file.content], { type: `${file.mimeType};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: some browsers read the Blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}
