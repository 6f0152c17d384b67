// Applies the migrations in order to the JSON database and records which ones ran.
const fs = require('fs');
const db = require('./db');

const migrations = [
  ['001-create-items', (data) => ({ ...data, items: [] })],
  [
    '002-seed-items',
    (data) => ({
      ...data,
      items: [
        { id: 1, name: 'anchor', stock: 3 },
        { id: 2, name: 'rope', stock: 12 },
      ],
    }),
  ],
];

let data = fs.existsSync(db.file) ? JSON.parse(fs.readFileSync(db.file, 'utf8')) : { applied: [] };
for (const [name, apply] of migrations) {
  if (data.applied.includes(name)) continue;
  data = apply(data);
  data.applied.push(name);
  console.log(`applied ${name}`);
}
fs.writeFileSync(db.file, JSON.stringify(data, null, 2));
