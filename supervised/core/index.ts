/**
 * supervised/core: the pieces every supervised module shares (issue 8 section 1): objectives as
 * sums of per-example terms, book-exact optimisers (float64 and tfjs), learning-rate schedules.
 */
export * from './objective';
export * from './schedules';
export * from './optimisers';
