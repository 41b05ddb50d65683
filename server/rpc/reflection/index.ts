export { reflectionRoutes } from './reflection-routes.ts';
