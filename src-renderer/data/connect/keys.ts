export const connectKeys = { all: ['connect'] as const };
