import { fileURLToPath } from 'node:url';

/** Where the built console lives (`npm run build -w @hotline/console`); the control service serves it at /ui/. */
export const CONSOLE_DIST = fileURLToPath(new URL('./dist/', import.meta.url));
