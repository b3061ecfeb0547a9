/** `npm start`: Motcua on the configured database (see server/serve.ts and the README). */
import pino from 'pino';
import { loadConfig } from './config.js';
import { serve } from './serve.js';

try {
  await serve(loadConfig());
} catch (err) {
  pino().fatal({ err }, 'start-up failed');
  process.exit(1);
}
