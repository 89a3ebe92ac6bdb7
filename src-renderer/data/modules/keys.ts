export const moduleKeys = { all: ['modules'] as const };
