export { createWorkerApp } from './app';
