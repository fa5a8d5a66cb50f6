import type { Catalog } from './en.js';

const zhCN: Catalog = {
  'badge.points': { other: '{count} 积分' },
  'badge.label': '您的会员积分',
  'badge.pending': { other: '{count} 积分待生效，将于 {date} 可用' },
  'badge.noPending': '没有待生效的积分',
  'badge.expires': { other: '{count} 积分将于 {date} 过期' },
  'badge.noExpiry': '近期没有即将过期的积分',
  'badge.join': '加入赚积分',
  'badge.joinHint': '加入会员计划，每笔订单都能赚积分',
  'badge.loading': '正在加载您的积分…',
  'badge.stale': '显示的是上次的积分余额，网络恢复后会自动更新。',
  'badge.announce': { other: '您现在的积分余额为 {count}' },
  'error.network': '会员积分暂时无法使用（网络未连接）。',
  'error.timeout': '会员积分服务响应超时，请稍后再试。',
  'error.server': '会员积分暂时无法使用，请稍后再试。',
  'error.unavailable': '会员积分暂时无法使用，请稍后再试。',
  'error.rate_limited': '请求过于频繁，请稍等片刻再试。',
  'error.invalid_response': '会员积分暂时无法使用（服务返回异常）。',
  'error.config': '本页面尚未配置会员积分。',
  'error.unknown': '会员积分出现问题，请稍后再试。',
};
export default zhCN;
