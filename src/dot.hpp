// dot.hpp — dot product of two float rows: Σ_i a[i]·b[i], a and b of length n.
//
// dot_reference is the plain loop; dot is the SIMD kernel (lane-wise multiply-adds into
// two accumulators up to n - n % (2·lanes), a horizontal sum, then a scalar tail).
#pragma once

#include <cstddef>

#include "simd.hpp"

namespace attn::kernels {

inline float dot_reference(const float* a, const float* b, std::size_t n) {
    float sum = 0.0f;
    for (std::size_t i = 0; i < n; ++i) sum += a[i] * b[i];
    return sum;
}

inline float dot(const float* a, const float* b, std::size_t n) {
#if ATTN_SIMD
    using simd::batch;
    constexpr std::size_t step = 2 * simd::lanes;
    const std::size_t vec_end = n - n % step;
    batch acc0(0.0f), acc1(0.0f);
    std::size_t i = 0;
    for (; i < vec_end; i += step) {
        acc0 = xsimd::fma(batch::load_unaligned(a + i), batch::load_unaligned(b + i), acc0);
        acc1 = xsimd::fma(batch::load_unaligned(a + i + simd::lanes),
                          batch::load_unaligned(b + i + simd::lanes), acc1);
    }
    float sum = xsimd::hadd(acc0 + acc1);
    for (; i < n; ++i) sum += a[i] * b[i];
    return sum;
#else
    return dot_reference(a, b, n);
#endif
}

}  // namespace attn::kernels
