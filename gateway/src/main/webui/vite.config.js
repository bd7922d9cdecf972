import { defineConfig } from 'vite';

// One bundle for the gateway's jar: no CDN, nothing fetched at run time. `npm run dev` proxies the API to a gateway
// on :8080 (Quarkus dev mode does the same through Quinoa).
export default defineConfig({
  build: { outDir: 'dist', target: 'es2022', chunkSizeWarningLimit: 300 },
  server: { proxy: { '/api': 'http://localhost:8080', '/q': 'http://localhost:8080' } },
});
