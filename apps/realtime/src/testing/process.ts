export { type Started, startProcess } from '@flc/gateway/testing';
