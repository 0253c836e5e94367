export * from './types';
export * from './units';
export * from './args';
export * from './format';
export * from './places';
export * from './calculator';
export * from './registry';
export { erlangC, mmc } from './calculators/queue';
export { poissonQuantile99 } from './calculators/littles-law';
export { fitUsl, uslCapacity, uslPeak } from './calculators/usl';

export * from './natural';
export * from './quantities';
export * from './render';
export * from './input';
export * from './change';
