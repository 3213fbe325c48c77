import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The app is served by the gateway at /app (gateway/src/webApp.ts), talking to /graphql on the
 *  same origin; `npm run dev -w web` proxies /graphql to a running `npm start`. */
export default defineConfig({
  base: '/app/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // no inline scripts or styles: the gateway's Content-Security-Policy allows 'self' only
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    target: 'es2022',
  },
  server: { proxy: { '/graphql': 'http://127.0.0.1:4000' } },
});
