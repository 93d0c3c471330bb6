import { copyFile, mkdir, rm } from 'node:fs/promises';
import { build } from 'esbuild';

/** Bundles the console into dist/: one script, the page and its stylesheet. Runs in well under a second. */
const here = new URL('./', import.meta.url);
const dist = new URL('dist/', here);
await rm(dist, { recursive: true, force: true });
await mkdir(dist, { recursive: true });
await build({
  entryPoints: [new URL('src/main.tsx', here).pathname],
  outfile: new URL('app.js', dist).pathname,
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  sourcemap: true,
  jsx: 'automatic',
  jsxImportSource: 'preact',
  logLevel: 'warning',
});
await copyFile(new URL('src/index.html', here), new URL('index.html', dist));
await copyFile(new URL('src/style.css', here), new URL('style.css', dist));
