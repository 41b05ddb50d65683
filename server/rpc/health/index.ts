export {
  createHealthRegistry,
  ServingStatus,
  type HealthListener,
  type HealthRegistry,
} from './health-registry.ts';
export { healthRoutes } from './health-routes.ts';
