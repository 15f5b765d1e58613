// Entry point of the browser bundle (scripts/build-ui.mjs): reads what the server put into the page
// and starts the app.
import { render } from 'preact';
import { createApiClient } from './api/client.js';
import { App } from './app.js';
import { readPageMeta } from './page-meta.js';

const meta = readPageMeta(document);
const api = createApiClient({
  base: meta.base,
  csrfToken: meta.csrfToken,
  fetch: (url, init) => fetch(url, init),
});
const root = document.getElementById('app');
if (root === null) throw new Error('index.html has no #app element; rebuild it with scripts/build-ui.mjs');
render(
  <App api={api} signedIn={meta.csrfToken !== ''} loginSettings={meta} storage={sessionStorage} />,
  root,
);
