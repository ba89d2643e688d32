// The full playground: header, lesson navigation, data panel, one lesson, status bar.
import { startApp } from './app.js';

startApp({ embedded: false });
