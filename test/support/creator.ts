export { newCreator, type TestCreator } from '../../kit/test-creator.ts';
