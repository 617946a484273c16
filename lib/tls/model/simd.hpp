// Small vector helpers of the pair loops (GCC vector extensions): a frame slot (x, y, z, 0) is one
// V4, two slots one V8. Element-wise IEEE arithmetic only, so code written with them gives the same
// bits whether it is compiled for AVX-512, AVX2 or baseline x86-64 (with -ffp-contract=off).
#pragma once

#include <cstdint>

// The helpers pass vectors by value; they are always inlined, so the ABI note GCC gives for them in
// the baseline build does not apply.
#pragma GCC diagnostic ignored "-Wpsabi"

/// Marks a function to be compiled for AVX-512, AVX2 and baseline x86-64, chosen at run time.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define TLS_SIMD_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define TLS_SIMD_CLONES
#endif

namespace tls::simd {

using V4 = double __attribute__((vector_size(32)));
using V8 = double __attribute__((vector_size(64)));
using I4 = std::int64_t __attribute__((vector_size(32)));
using I8 = std::int64_t __attribute__((vector_size(64)));

[[gnu::always_inline]] inline V4 load4(const double* p) {
  V4 v;
  __builtin_memcpy(&v, p, sizeof v);
  return v;
}
[[gnu::always_inline]] inline void store4(double* p, V4 v) { __builtin_memcpy(p, &v, sizeof v); }
[[gnu::always_inline]] inline V8 load8(const double* p) {
  V8 v;
  __builtin_memcpy(&v, p, sizeof v);
  return v;
}
[[gnu::always_inline]] inline void store8(double* p, V8 v) { __builtin_memcpy(p, &v, sizeof v); }

/// |d|^2 of eight slots held two per vector in a, b, c, d, by transposing the squares:
/// (x^2 + y^2) + (z^2 + 0), exactly the (x^2 + y^2) + z^2 of a scalar loop.
[[gnu::always_inline]] inline V8 squared_norms(V8 a, V8 b, V8 c, V8 d) {
  const I8 even = {0, 2, 4, 6, 8, 10, 12, 14}, odd = {1, 3, 5, 7, 9, 11, 13, 15};
  const V8 a2 = a * a, b2 = b * b, c2 = c * c, d2 = d * d;
  const V8 ab = __builtin_shuffle(a2, b2, even) + __builtin_shuffle(a2, b2, odd);
  const V8 cd = __builtin_shuffle(c2, d2, even) + __builtin_shuffle(c2, d2, odd);
  return __builtin_shuffle(ab, cd, even) + __builtin_shuffle(ab, cd, odd);
}

}  // namespace tls::simd
