// Fastify compiles every route's validators and serializers at start-up; with ~150 routes that was about half
// of a warm start. These factories compile each schema on its route's first request instead (same compilers,
// same options), so the desktop app is ready sooner. Schema mistakes surface on first use, which the API
// tests cover route by route.
import AjvCompiler from '@fastify/ajv-compiler';
import SerializerSelector from '@fastify/fast-json-stringify-compiler';

type CompiledFn = ((data: unknown) => unknown) & { errors?: unknown };
type RouteCompiler = (routeSchema: never) => CompiledFn;
type CompilerFactory = (...args: never[]) => RouteCompiler;

function lazyFactory<F extends CompilerFactory>(build: F): F {
  return ((...args: never[]) => {
    let compiler: RouteCompiler | undefined;
    return (routeSchema: never) => {
      let compiled: CompiledFn | undefined;
      const wrapper: CompiledFn = (data: unknown) => {
        compiled ??= (compiler ??= build(...args))(routeSchema);
        const result = compiled(data);
        // Fastify reads validation errors from the validator function itself.
        wrapper.errors = compiled.errors;
        return result;
      };
      return wrapper;
    };
  }) as unknown as F;
}

export function lazyCompilersFactory() {
  const validator = AjvCompiler();
  const serializer = SerializerSelector();
  return {
    buildValidator: lazyFactory(validator as unknown as CompilerFactory) as unknown as typeof validator,
    buildSerializer: lazyFactory(serializer as unknown as CompilerFactory) as unknown as typeof serializer,
  };
}
