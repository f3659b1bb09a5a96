import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { App } from './App';

dayjs.locale('zh-cn');

// antd injects its styles as <style> elements; they carry the nonce the host put in the page,
// which is the only inline style the Content-Security-Policy allows.
const nonce = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content;

// A few rc-component helpers (e.g. the scroll lock of a modal) create <style> elements without
// taking the nonce option; giving every <style> the page's nonce at creation keeps the policy
// strict instead of loosening it with 'unsafe-inline'.
if (nonce) {
  const createElement = document.createElement.bind(document);
  document.createElement = ((tagName: string, options?: ElementCreationOptions) => {
    const element = createElement(tagName, options);
    if (tagName.toLowerCase() === 'style') element.setAttribute('nonce', nonce);
    return element;
  }) as typeof document.createElement;
}

// The browser's default 8 px body margin would make the full-height layout scroll by 16 px.
// Set through the CSSOM, which the Content-Security-Policy allows (unlike a style attribute).
document.body.style.margin = '0';

// A clerk whose system is set to reduce motion gets dialogs and menus without their zoom and slide
// animations (antd's own switch). The browser tests run so too: a click on a dialog still zooming
// in could land beside its moving button and be lost.
const motion = !window.matchMedia('(prefers-reduced-motion: reduce)').matches;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }} csp={nonce ? { nonce } : undefined} theme={{ token: { colorPrimary: '#c8161d', borderRadius: 4, motion } }}>
      <AntApp>
        <App />
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
