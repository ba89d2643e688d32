// One lesson alone, for an <iframe> in a course page: embed.html?lesson=<id>&<settings>.
import { startApp } from './app.js';

startApp({ embedded: true });
