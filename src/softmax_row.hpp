// softmax_row.hpp — numerically safe softmax of one row, in place, in two named parts:
//   exp_shifted_row:  m = max_j x[j];  x[j] = e[j] = exp(x[j] − m);  returns { m, Σ_j e[j] }
//   scale_row:        x[j] = factor · x[j]                   (softmax: factor = 1 / Σ_j e[j])
// Subtracting the row maximum first keeps every exponent ≤ 0, so no term overflows and the
// largest term is exactly 1 (the sum is ≥ 1, never 0). Requires n ≥ 1 and finite x.
//
// The *_reference functions are the plain loops with std::exp; the others are the SIMD
// kernels (xsimd's batch exp, lane-wise max/sum, scalar tail).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>

#include "simd.hpp"

namespace attn::kernels {

struct ShiftedExpRow {
    float max;  // m = max_j x[j] before the call
    float sum;  // Σ_j exp(x[j] − m)
};

inline ShiftedExpRow exp_shifted_row_reference(float* x, std::size_t n) {
    float row_max = x[0];
    for (std::size_t j = 1; j < n; ++j) row_max = std::max(row_max, x[j]);
    float sum = 0.0f;
    for (std::size_t j = 0; j < n; ++j) {
        x[j] = std::exp(x[j] - row_max);
        sum += x[j];
    }
    return {row_max, sum};
}

inline void scale_row_reference(float* x, std::size_t n, float factor) {
    for (std::size_t j = 0; j < n; ++j) x[j] *= factor;
}

inline void softmax_row_reference(float* x, std::size_t n) {
    const ShiftedExpRow row = exp_shifted_row_reference(x, n);
    scale_row_reference(x, n, 1.0f / row.sum);
}

inline ShiftedExpRow exp_shifted_row(float* x, std::size_t n) {
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
    return {row_max, sum};
#else
    return exp_shifted_row_reference(x, n);
#endif
}

inline void scale_row(float* x, std::size_t n, float factor) {
#if ATTN_SIMD
    using simd::batch;
    constexpr std::size_t lanes = simd::lanes;
    const std::size_t vec_end = n - n % lanes;
    const batch factor_b(factor);
    std::size_t j = 0;
    for (; j < vec_end; j += lanes) (batch::load_unaligned(x + j) * factor_b).store_unaligned(x + j);
    for (; j < n; ++j) x[j] *= factor;
#else
    scale_row_reference(x, n, factor);
#endif
}

inline void softmax_row(float* x, std::size_t n) {
    const ShiftedExpRow row = exp_shifted_row(x, n);
    scale_row(x, n, 1.0f / row.sum);
}

}  // namespace attn::kernels
