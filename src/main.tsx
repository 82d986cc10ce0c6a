import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './index.css';
import { installPlatform } from './app/install-platform';
import { installPlaygroundApi } from './app/playground-api';
import { App } from './app/App';

installPlatform();
installPlaygroundApi();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
