// The "database": a JSON file that migrate.js creates and server.js reads.
const os = require('os');
const path = require('path');

module.exports.file = process.env.DB_FILE || path.join(os.tmpdir(), 'node-api-db.json');
