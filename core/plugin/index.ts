export type {
  OperatorKey,
  ChainPlugin,
  CoreSettingDefaults,
  CoreSettingHints,
  DevnetContext,
  FundingModel,
  PluginContext,
  PluginDevnet,
  RunningDevnet,
  StartedChain,
} from './chain-plugin.ts';
export type { ChainRoute, ChainRouteAnswer, ChainRouteRequest } from './chain-route.ts';
export type {
  AmountSetting,
  BooleanSetting,
  IntegerSetting,
  SettingAliases,
  SettingDeclaration,
  SettingValue,
  SettingValues,
  StringSetting,
} from './setting-declaration.ts';
export { PluginSettingError } from './plugin-setting-error.ts';
