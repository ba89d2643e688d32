// embed.html's module: one lesson alone, for an <iframe> in a course page (embed.html?lesson=<id>&<settings>).
// (The site's /embed.js is the one-line loader for course pages, web/embed-loader.js.)
import { startApp } from './app.js';

startApp({ embedded: true });
