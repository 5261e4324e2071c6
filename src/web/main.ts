import { ElMessage, provideGlobalConfig } from 'element-plus';
import zhCn from 'element-plus/es/locale/lang/zh-cn';
import 'element-plus/dist/index.css';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import { setRequestHooks } from './api/request';
import App from './App.vue';
import { router } from './router';
import { loginLocation } from './router/redirect';
import { useSessionStore } from './stores/session';
import './styles/global.css';

const app = createApp(App);
const pinia = createPinia();
app.use(pinia);
app.use(router);
// Components are imported on demand (vite.config.ts), so Element Plus is not installed whole; its
// global config (zh-CN) is what `app.use(ElementPlus, { locale })` would set, and reaches the
// services too (ElMessageBox renders outside the component tree).
provideGlobalConfig({ locale: zhCn }, app, true);

const session = useSessionStore(pinia);

// The request client reacts to session errors through these hooks (it knows neither router nor store).
setRequestHooks({
  csrfToken: () => session.csrfToken,
  onUnauthenticated: (error) => {
    const wasLoggedIn = session.isLoggedIn;
    session.clear();
    const current = router.currentRoute.value;
    if (current.meta.public) return;
    if (wasLoggedIn) ElMessage.warning(error.message || '登录已失效，请重新登录');
    void router.replace(loginLocation(current.fullPath));
  },
  onPasswordChangeRequired: () => {
    session.markPasswordChangeRequired();
    void router.replace({ name: 'change-password' });
  },
  onCsrfInvalid: () => {
    // The token may have rotated (e.g. in another tab); fetch the current one so a retry succeeds.
    void session.refresh();
  },
});

app.mount('#app');
