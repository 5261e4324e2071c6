/**
 * Browser and operating system from a User-Agent header, for the login log. Only the common
 * desktop and mobile browsers are told apart; anything else reads 「其他」 with the raw agent
 * kept for the tooltip. Order matters: Edge and the Chinese browsers also say "Chrome", Chrome
 * also says "Safari".
 */
const browsers: readonly [RegExp, string][] = [
  [/EdgA?\/(\d+)/, 'Edge'],
  [/OPR\/(\d+)/, 'Opera'],
  [/MicroMessenger\/(\d+)/, '微信'],
  [/QQBrowser\/(\d+)/, 'QQ浏览器'],
  [/UCBrowser\/(\d+)/, 'UC浏览器'],
  [/360SE|360EE/, '360浏览器'],
  [/MetaSr/, '搜狗浏览器'],
  [/Firefox\/(\d+)/, 'Firefox'],
  [/HeadlessChrome\/(\d+)/, 'Chrome（无界面）'],
  [/(?:Chrome|Chromium|CriOS)\/(\d+)/, 'Chrome'],
  [/Version\/(\d+)[.\d]* (?:Mobile\/\S+ )?Safari\//, 'Safari'],
  [/Trident\/.*rv:(\d+)/, 'Internet Explorer'],
  [/MSIE (\d+)/, 'Internet Explorer'],
  [/^curl\/(\d+)/, 'curl'],
];

const systems: readonly [RegExp, (m: RegExpExecArray) => string][] = [
  [/Windows NT 10\.0/, () => 'Windows 10/11'],
  [/Windows NT 6\.3/, () => 'Windows 8.1'],
  [/Windows NT 6\.1/, () => 'Windows 7'],
  [/Windows/, () => 'Windows'],
  [/HarmonyOS|OpenHarmony/, () => '鸿蒙'],
  [/Android (\d+)/, (m) => `Android ${m[1] ?? ''}`.trim()],
  [/(?:iPhone|iPad).*OS (\d+)_/, (m) => `iOS ${m[1] ?? ''}`.trim()],
  [/Mac OS X (\d+)[._](\d+)/, (m) => `macOS ${m[1] ?? ''}.${m[2] ?? ''}`],
  [/CrOS/, () => 'ChromeOS'],
  [/UOS|Deepin/i, () => '统信 UOS'],
  [/Kylin/i, () => '麒麟'],
  [/Linux/, () => 'Linux'],
];

export interface UserAgentInfo {
  browser: string;
  os: string;
}

export function parseUserAgent(ua: string | null | undefined): UserAgentInfo {
  if (!ua) return { browser: '未知', os: '未知' };
  let browser = '其他';
  for (const [re, name] of browsers) {
    const m = re.exec(ua);
    if (m) {
      browser = m[1] ? `${name} ${m[1]}` : name;
      break;
    }
  }
  let os = '其他';
  for (const [re, name] of systems) {
    const m = re.exec(ua);
    if (m) {
      os = name(m);
      break;
    }
  }
  return { browser, os };
}
