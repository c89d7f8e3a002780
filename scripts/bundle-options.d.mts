import type {BuildOptions} from 'esbuild';

/** esbuild options shared by every bundle (see bundle-options.mjs). */
export declare const bundleOptions: BuildOptions;
