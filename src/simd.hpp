// simd.hpp — which SIMD batch the kernels use.
//
// ATTN_SIMD is 1 when xsimd has an architecture for this target (native SSE/AVX, or
// Emscripten's -msimd128 -msse4.1, which maps SSE intrinsics onto WebAssembly SIMD128),
// and 0 otherwise (the scalar WebAssembly build): then every kernel is its scalar reference.
#pragma once

#include <cstddef>

#if defined(ATTN_FORCE_SCALAR)
#define ATTN_SIMD 0
#else
#include <xsimd/xsimd.hpp>
#if defined(XSIMD_NO_SUPPORTED_ARCHITECTURE)
#define ATTN_SIMD 0
#else
#define ATTN_SIMD 1
#endif
#endif

namespace attn::simd {

#if ATTN_SIMD
using batch = xsimd::batch<float>;
constexpr std::size_t lanes = batch::size;
inline const char* arch_name() { return xsimd::default_arch::name(); }
#else
constexpr std::size_t lanes = 1;
inline const char* arch_name() { return "scalar"; }
#endif

}  // namespace attn::simd
