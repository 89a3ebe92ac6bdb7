import { useMutation } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { TestRequest, TestResult } from './types';

/** Explains a described request with the server's own evaluator (nothing is sent to the route). */
export function useGatewayTestMutation() {
  return useMutation({ mutationFn: (input: TestRequest) => api<TestResult>('/api/gateway/test', { method: 'POST', body: input }) });
}
