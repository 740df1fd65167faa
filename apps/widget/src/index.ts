import { install } from './install.ts';
import { Widget } from './widget.ts';

// widget.js: loaded by the snippet (see loader.ts) as a classic async script.
const script = document.currentScript as HTMLScriptElement | null;
const widget = new Widget(script?.src);
install(window as { FLC?: never }, (command, args) => widget.command(command, args));
