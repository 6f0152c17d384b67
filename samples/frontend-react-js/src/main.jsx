import React, { useEffect, useState } from 'react';
import ReactDOM from 'react-dom/client';

const backendUrl = import.meta.env.REACT_APP_BACKEND_URL || 'http://localhost:4567';

function App() {
  const [status, setStatus] = useState('checking…');

  useEffect(() => {
    fetch(`${backendUrl}/api/health`)
      .then((res) => res.json())
      .then((body) => setStatus(body.status))
      .catch(() => setStatus('unreachable'));
  }, []);

  return (
    <main>
      <h1>Cruddur</h1>
      <p>Backend ({backendUrl}): {status}</p>
    </main>
  );
}

const root = ReactDOM.createRoot(document.getElementById('root'));
root.render(
  <React.StrictMode>
    <App />
  </React.StrictMode>
);
