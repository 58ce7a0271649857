// softmax_row.hpp — numerically safe softmax of one row, in place:
//   m = max_j x[j];  e[j] = exp(x[j] - m);  x[j] = e[j] / Σ_k e[k]
// Subtracting the row maximum first keeps every exponent ≤ 0, so no term overflows and the
// largest term is exactly 1 (the sum is ≥ 1, never 0). Requires n ≥ 1 and finite x.
//
// softmax_row_reference is the plain loop with std::exp; softmax_row is the SIMD kernel
// (xsimd's batch exp, lane-wise max/sum, scalar tail).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>

#include "simd.hpp"

namespace attn::kernels {

inline void softmax_row_reference(float* x, std::size_t n) {
    float row_max = x[0];
    for (std::size_t j = 1; j < n; ++j) row_max = std::max(row_max, x[j]);
    float sum = 0.0f;
    for (std::size_t j = 0; j < n; ++j) {
        x[j] = std::exp(x[j] - row_max);
        sum += x[j];
    }
    const float inv_sum = 1.0f / sum;
    for (std::size_t j = 0; j < n; ++j) x[j] *= inv_sum;
}

inline void softmax_row(float* x, std::size_t n) {
#if ATTN_SIMD
    using simd::batch;
    constexpr std::size_t lanes = simd::lanes;
    const std::size_t vec_end = n - n % lanes;

    float row_max = x[0];
    if (vec_end > 0) {
        batch max_b = batch::load_unaligned(x);
        for (std::size_t j = lanes; j < vec_end; j += lanes) max_b = xsimd::max(max_b, batch::load_unaligned(x + j));
        alignas(64) float lane_max[lanes];
        max_b.store_aligned(lane_max);
        for (std::size_t l = 0; l < lanes; ++l) row_max = std::max(row_max, lane_max[l]);
    }
    for (std::size_t j = vec_end; j < n; ++j) row_max = std::max(row_max, x[j]);

    const batch max_b(row_max);
    batch sum_b(0.0f);
    std::size_t j = 0;
    for (; j < vec_end; j += lanes) {
        const batch e = xsimd::exp(batch::load_unaligned(x + j) - max_b);
        e.store_unaligned(x + j);
        sum_b += e;
    }
    float sum = xsimd::hadd(sum_b);
    for (; j < n; ++j) {
        x[j] = std::exp(x[j] - row_max);
        sum += x[j];
    }

    const float inv_sum = 1.0f / sum;
    const batch inv_b(inv_sum);
    for (j = 0; j < vec_end; j += lanes) (batch::load_unaligned(x + j) * inv_b).store_unaligned(x + j);
    for (; j < n; ++j) x[j] *= inv_sum;
#else
    softmax_row_reference(x, n);
#endif
}

}  // namespace attn::kernels
