// GET /api/items lists the items, GET /health answers {"status":"ok"}.
const fs = require('fs');
const http = require('http');
const db = require('./db');

const port = Number(process.env.PORT || 3000);
const { items, applied } = JSON.parse(fs.readFileSync(db.file, 'utf8'));

const server = http.createServer((req, res) => {
  const send = (status, body) => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body) + '\n');
  };
  if (req.method === 'GET' && req.url === '/api/items') return send(200, { items, migrations: applied.length });
  if (req.method === 'GET' && req.url === '/health') return send(200, { status: 'ok' });
  return send(404, { error: 'not found' });
});

server.listen(port, () => console.log(`node-api listening on :${port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
