// Picks the bridge (Electron preload or web host), then starts the app.
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { BRIDGE, electronBridge } from './bridge/bridge';
import { openWebBridge } from './bridge/web-bridge';
import './styles/base.css';

const bridge = window.deckhand
  ? electronBridge(window.deckhand)
  : openWebBridge({
      href: window.location.href,
      storage: window.sessionStorage,
      replaceUrl: (url) => window.history.replaceState(window.history.state, '', url),
    });

createApp(App).use(createPinia()).provide(BRIDGE, bridge).mount('#app');
