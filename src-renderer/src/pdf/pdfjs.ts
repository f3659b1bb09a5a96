import type { PDFDocumentProxy } from 'pdfjs-dist';
// The worker is a file of the app itself (same origin), so the page's script-src 'self' covers it
// and no blob: or data: worker is ever needed.
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

// pdf.js is loaded on first use only: it is large and most sessions never open a PDF.
// Everything it fetches (CJK cMaps for Chinese text in non-embedded fonts, the standard fonts,
// the wasm image decoders for JPEG 2000 / JBIG2 scans, the ICC profile) is copied into the
// build under pdfjs/ by the renderer's vite config, so a preview never reaches the network.

function bundled(dir: string): string {
  return new URL(`pdfjs/${dir}/`, document.baseURI).href;
}

export function dataUrlBytes(dataUrl: string): Uint8Array {
  // fetch(data:) would need connect-src data:, which the CSP does not allow; decode it here.
  const base64 = dataUrl.slice(dataUrl.indexOf(',') + 1);
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  const pdfjs = await import('pdfjs-dist');
  pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;
  return pdfjs.getDocument({
    data: bytes,
    // PostScript functions are interpreted rather than compiled with new Function: no eval.
    isEvalSupported: false,
    enableXfa: false,
    cMapUrl: bundled('cmaps'),
    cMapPacked: true,
    standardFontDataUrl: bundled('standard_fonts'),
    wasmUrl: bundled('wasm'),
    iccUrl: bundled('iccs'),
  }).promise;
}
