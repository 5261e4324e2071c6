/** Chinese labels of the registry's codes, for exports, messages and the web app. */
export const categoryLabels = { park: '产业园', market: '人力资源（人才）市场' } as const;
export const carrierLabels = { offline: '线下', online_offline: '线上+线下' } as const;
export const orientationLabels = { industry: '特定行业', service_line: '特定业态' } as const;
export const operationModeLabels = { self: '自运营', entrusted: '委托运营' } as const;
export const staffTeamLabels = { management: '平台管理机构', operating: '平台运营机构' } as const;
export const residenceModeLabels = { offline: '线下', online: '线上', agreement: '协议' } as const;
/** The ten services of 附表1, in the form's order. */
export const serviceLabels = {
  policy: '政策咨询',
  information: '信息服务',
  registration: '注册登记',
  licensing: '证照审批',
  opening: '开业指导',
  fitout: '装修入驻',
  property: '物业服务',
  platform: '平台搭建',
  financing: '融资服务',
  other: '其他服务',
} as const;

export type PlatformCategory = keyof typeof categoryLabels;

export function categoryOf(type: 'comprehensive_park' | 'specialized_park' | 'specialized_market'): PlatformCategory {
  return type === 'specialized_market' ? 'market' : 'park';
}
/** Only 存量登记 is shown: an ordinary registration needs no label. */
export const originLabels = { registered: null, legacy: '存量登记' } as const;
