import { defineConfig } from 'vite';

// REACT_APP_ variables, as under Create React App: the backend URL is read when `npm run build` runs.
export default defineConfig({
  envPrefix: 'REACT_APP_',
  server: { port: 3000 },
});
