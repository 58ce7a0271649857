// softmax_row.hpp — numerically safe softmax of one row, in place, in named parts:
//   row_max:          m = max_j x[j]
//   exp_shift_sum:    x[j] = e[j] = exp(x[j] − shift);  returns Σ_j e[j]
//   exp_shifted_row:  both with shift = m;  returns { m, Σ_j e[j] }
//   scale_row:        x[j] = factor · x[j]                   (softmax: factor = 1 / Σ_j e[j])
//   scale_row_max:    x[j] = scale · x[j];  returns { max_j x[j], whether every x[j] is finite }
// Subtracting the row maximum first keeps every exponent ≤ 0, so no term overflows and the
// largest term is exactly 1 (the sum is ≥ 1, never 0). Requires n ≥ 1 and finite x.
//
// The *_reference functions are the plain loops with std::exp. The others are the SIMD
// kernels: with WebAssembly SIMD128 written with its intrinsics (exp_f32x4, f32x4.pmax), in
// native builds with xsimd (exp_batch); lane-wise max and sum, then a scalar tail.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>

#include "exp_lanes.hpp"
#include "simd.hpp"

namespace attn::kernels {

struct ShiftedExpRow {
    float max;  // m = max_j x[j] before the call
    float sum;  // Σ_j exp(x[j] − m)
};

struct ScaledRowMax {
    float max;        // max_j of the scaled x[j] (meaningless when not all_finite)
    bool all_finite;  // every scaled x[j] is finite
};

inline float row_max_reference(const float* x, std::size_t n) {
    float m = x[0];
    for (std::size_t j = 1; j < n; ++j) m = std::max(m, x[j]);
    return m;
}

inline float exp_shift_sum_reference(float* x, std::size_t n, float shift) {
    float sum = 0.0f;
    for (std::size_t j = 0; j < n; ++j) {
        x[j] = std::exp(x[j] - shift);
        sum += x[j];
    }
    return sum;
}

inline ShiftedExpRow exp_shifted_row_reference(float* x, std::size_t n) {
    const float m = row_max_reference(x, n);
    return {m, exp_shift_sum_reference(x, n, m)};
}

inline void scale_row_reference(float* x, std::size_t n, float factor) {
    for (std::size_t j = 0; j < n; ++j) x[j] *= factor;
}

inline ScaledRowMax scale_row_max_reference(float* x, std::size_t n, float scale) {
    bool finite = true;
    float m = -INFINITY;
    for (std::size_t j = 0; j < n; ++j) {
        x[j] *= scale;
        finite = finite && std::isfinite(x[j]);
        m = std::max(m, x[j]);
    }
    return {m, finite};
}

inline void softmax_row_reference(float* x, std::size_t n) {
    const ShiftedExpRow row = exp_shifted_row_reference(x, n);
    scale_row_reference(x, n, 1.0f / row.sum);
}

#if defined(__wasm_simd128__)
namespace detail {
inline float max_lanes(v128_t v) {
    return std::max(std::max(wasm_f32x4_extract_lane(v, 0), wasm_f32x4_extract_lane(v, 1)),
                    std::max(wasm_f32x4_extract_lane(v, 2), wasm_f32x4_extract_lane(v, 3)));
}
inline float sum_lanes(v128_t v) {
    return (wasm_f32x4_extract_lane(v, 0) + wasm_f32x4_extract_lane(v, 1)) +
           (wasm_f32x4_extract_lane(v, 2) + wasm_f32x4_extract_lane(v, 3));
}
}  // namespace detail
#elif ATTN_SIMD
namespace detail {
inline float max_lanes(simd::batch v) {
    alignas(64) float lane[simd::lanes];
    v.store_aligned(lane);
    float m = lane[0];
    for (std::size_t l = 1; l < simd::lanes; ++l) m = std::max(m, lane[l]);
    return m;
}
}  // namespace detail
#endif

inline float row_max(const float* x, std::size_t n) {
#if defined(__wasm_simd128__)
    const std::size_t vec_end = n - n % 4;
    float m = x[0];
    if (vec_end > 0) {
        v128_t max_v = wasm_v128_load(x);
        for (std::size_t j = 4; j < vec_end; j += 4) max_v = wasm_f32x4_pmax(max_v, wasm_v128_load(x + j));
        m = detail::max_lanes(max_v);
    }
    for (std::size_t j = vec_end; j < n; ++j) m = std::max(m, x[j]);
    return m;
#elif ATTN_SIMD
    using simd::batch;
    constexpr std::size_t lanes = simd::lanes;
    const std::size_t vec_end = n - n % lanes;
    float m = x[0];
    if (vec_end > 0) {
        batch max_b = batch::load_unaligned(x);
        for (std::size_t j = lanes; j < vec_end; j += lanes) max_b = xsimd::max(max_b, batch::load_unaligned(x + j));
        m = detail::max_lanes(max_b);
    }
    for (std::size_t j = vec_end; j < n; ++j) m = std::max(m, x[j]);
    return m;
#else
    return row_max_reference(x, n);
#endif
}

inline float exp_shift_sum(float* x, std::size_t n, float shift) {
#if defined(__wasm_simd128__)
    const std::size_t vec_end = n - n % 4;
    const v128_t shift_v = wasm_f32x4_splat(shift);
    v128_t sum_v = wasm_f32x4_splat(0.0f);
    std::size_t j = 0;
    for (; j < vec_end; j += 4) {
        const v128_t e = exp_f32x4(wasm_f32x4_sub(wasm_v128_load(x + j), shift_v));
        wasm_v128_store(x + j, e);
        sum_v = wasm_f32x4_add(sum_v, e);
    }
    float sum = detail::sum_lanes(sum_v);
#elif ATTN_SIMD
    using simd::batch;
    constexpr std::size_t lanes = simd::lanes;
    const std::size_t vec_end = n - n % lanes;
    const batch shift_b(shift);
    batch sum_b(0.0f);
    std::size_t j = 0;
    for (; j < vec_end; j += lanes) {
        const batch e = exp_batch(batch::load_unaligned(x + j) - shift_b);
        e.store_unaligned(x + j);
        sum_b += e;
    }
    float sum = xsimd::hadd(sum_b);
#else
    std::size_t j = 0;
    float sum = 0.0f;
#endif
    for (; j < n; ++j) {
        x[j] = std::exp(x[j] - shift);
        sum += x[j];
    }
    return sum;
}

inline ShiftedExpRow exp_shifted_row(float* x, std::size_t n) {
    const float m = row_max(x, n);
    return {m, exp_shift_sum(x, n, m)};
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

// Non-finite detection: x·0 is 0 for finite x and NaN for ±∞ or NaN, so Σ_j x[j]·0 is NaN
// exactly when some x[j] is not finite.
inline ScaledRowMax scale_row_max(float* x, std::size_t n, float scale) {
#if defined(__wasm_simd128__)
    const std::size_t vec_end = n - n % 4;
    const v128_t scale_v = wasm_f32x4_splat(scale), zero = wasm_f32x4_splat(0.0f);
    v128_t max_v = wasm_f32x4_splat(-INFINITY), probe_v = zero;
    std::size_t j = 0;
    for (; j < vec_end; j += 4) {
        const v128_t s = wasm_f32x4_mul(wasm_v128_load(x + j), scale_v);
        wasm_v128_store(x + j, s);
        max_v = wasm_f32x4_pmax(max_v, s);
        probe_v = wasm_f32x4_add(probe_v, wasm_f32x4_mul(s, zero));
    }
    float m = detail::max_lanes(max_v), probe = detail::sum_lanes(probe_v);
#elif ATTN_SIMD
    using simd::batch;
    constexpr std::size_t lanes = simd::lanes;
    const std::size_t vec_end = n - n % lanes;
    const batch scale_b(scale), zero(0.0f);
    batch max_b(-INFINITY), probe_b(0.0f);
    std::size_t j = 0;
    for (; j < vec_end; j += lanes) {
        const batch s = batch::load_unaligned(x + j) * scale_b;
        s.store_unaligned(x + j);
        max_b = xsimd::max(max_b, s);
        probe_b += s * zero;
    }
    float m = detail::max_lanes(max_b), probe = xsimd::hadd(probe_b);
#else
    std::size_t j = 0;
    float m = -INFINITY, probe = 0.0f;
#endif
    for (; j < n; ++j) {
        x[j] *= scale;
        m = std::max(m, x[j]);
        probe += x[j] * 0.0f;
    }
    return {m, probe == 0.0f};
}

inline void softmax_row(float* x, std::size_t n) {
    const ShiftedExpRow row = exp_shifted_row(x, n);
    scale_row(x, n, 1.0f / row.sum);
}

}  // namespace attn::kernels
