// The router's options, shared by the server and the gateway's route table (which must find routes the same way).
export const ROUTER_OPTIONS = { ignoreTrailingSlash: true, maxParamLength: 500 } as const;
