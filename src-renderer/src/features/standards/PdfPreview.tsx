import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Space, Spin, Typography } from 'antd';
import type { PDFDocumentProxy, RenderTask } from 'pdfjs-dist';
import { dataUrlBytes, openPdf } from '../../pdf/pdfjs';

/** A PDF drawn page by page onto a canvas, scaled to the width of the modal. */
export function PdfPreview({ dataUrl, name }: { dataUrl: string; name: string }) {
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [pageNumber, setPageNumber] = useState(1);
  const [rendering, setRendering] = useState(false);
  const boxRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    let opened: PDFDocumentProxy | null = null;
    let cancelled = false;
    setDoc(null);
    setProblem(null);
    setPageNumber(1);
    openPdf(dataUrlBytes(dataUrl)).then(
      (value) => {
        opened = value;
        if (cancelled) void value.destroy();
        else setDoc(value);
      },
      (error: unknown) => {
        // pdf.js's own text is English and technical: the clerk gets the reason in words only.
        if (!cancelled) setProblem(openProblem(error, name));
      },
    );
    return () => {
      cancelled = true;
      // Ends the worker too; a closed preview keeps nothing of the file in memory.
      if (opened) void opened.destroy();
    };
  }, [dataUrl, name]);

  useEffect(() => {
    const canvas = canvasRef.current;
    const box = boxRef.current;
    if (!doc || !canvas || !box) return;
    let task: RenderTask | null = null;
    let cancelled = false;
    setRendering(true);
    void (async () => {
      try {
        const page = await doc.getPage(pageNumber);
        if (cancelled) return;
        const natural = page.getViewport({ scale: 1 });
        const cssWidth = Math.max(box.clientWidth, 200);
        const viewport = page.getViewport({ scale: cssWidth / natural.width });
        // Drawn at the screen's pixel density so scanned text stays legible on high-DPI screens.
        const ratio = window.devicePixelRatio || 1;
        canvas.width = Math.floor(viewport.width * ratio);
        canvas.height = Math.floor(viewport.height * ratio);
        canvas.style.width = `${Math.floor(viewport.width)}px`;
        canvas.style.height = `${Math.floor(viewport.height)}px`;
        task = page.render({ canvas, viewport, transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0] });
        await task.promise;
      } catch (error) {
        if (cancelled || (error instanceof Error && error.name === 'RenderingCancelledException')) return;
        setProblem(`“${name}”第 ${pageNumber} 页无法显示：该页内容可能已损坏。可保存到本机后用其他软件查看。`);
      } finally {
        if (!cancelled) setRendering(false);
      }
    })();
    return () => {
      cancelled = true;
      task?.cancel();
    };
  }, [doc, pageNumber, name]);

  const pages = doc?.numPages ?? 0;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {problem && <Alert type="error" showIcon title={problem} />}
      {!doc && !problem && <Spin description="正在打开 PDF……" />}
      {doc && (
        <Space>
          <Button size="small" disabled={pageNumber <= 1} onClick={() => setPageNumber((n) => n - 1)}>
            上一页
          </Button>
          <Typography.Text aria-label="页码">
            第 {pageNumber} / {pages} 页
          </Typography.Text>
          <Button size="small" disabled={pageNumber >= pages} onClick={() => setPageNumber((n) => n + 1)}>
            下一页
          </Button>
          {rendering && <Spin size="small" />}
        </Space>
      )}
      <div ref={boxRef} style={{ width: '100%', border: '1px solid #f0f0f0' }}>
        <canvas ref={canvasRef} aria-label={`PDF 预览：${name}`} style={{ display: doc ? 'block' : 'none' }} />
      </div>
    </Space>
  );
}

/** Why a PDF did not open, in Chinese: pdf.js names a password-protected file; anything else reads as damaged. */
function openProblem(error: unknown, name: string): string {
  const encrypted = error instanceof Error && error.name === 'PasswordException';
  return encrypted
    ? `无法显示“${name}”：文件已加密（需要密码）。可保存到本机后用其他软件查看。`
    : `无法显示“${name}”：文件可能已损坏或加密。可保存到本机后用其他软件查看。`;
}
