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
// kernels, one body each over a vector type `Lanes` (lane-wise max and sum, then a scalar tail);
// what differs per target is only the handful of lane primitives beside them (detail::Lanes):
// WebAssembly SIMD128 intrinsics (exp_f32x4, f32x4.pmax) there, since xsimd would go through
// Emscripten's SSE emulation, and xsimd in native builds (exp_batch). In the scalar build
// (no SIMD at all) every kernel is its reference.
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

// x[j] = exp(x[j] − shift) for j in [from, n); returns sum + Σ of them, added one by one in
// order of j (the reference from 0 with sum 0; the SIMD kernel's tail onto its lane sum).
inline float exp_shift_accumulate(float* x, std::size_t from, std::size_t n, float shift, float sum) {
    for (std::size_t j = from; j < n; ++j) {
        x[j] = std::exp(x[j] - shift);
        sum += x[j];
    }
    return sum;
}

inline float exp_shift_sum_reference(float* x, std::size_t n, float shift) {
    return exp_shift_accumulate(x, 0, n, shift, 0.0f);
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

#if defined(__wasm_simd128__) || ATTN_SIMD
namespace detail {
#if defined(__wasm_simd128__)
// WebAssembly SIMD128: 4 lanes, the intrinsics themselves.
struct Lanes {
    using vec = v128_t;
    static constexpr std::size_t size = 4;
    static vec load(const float* p) { return wasm_v128_load(p); }
    static void store(float* p, vec v) { wasm_v128_store(p, v); }
    static vec splat(float x) { return wasm_f32x4_splat(x); }
    static vec add(vec a, vec b) { return wasm_f32x4_add(a, b); }
    static vec sub(vec a, vec b) { return wasm_f32x4_sub(a, b); }
    static vec mul(vec a, vec b) { return wasm_f32x4_mul(a, b); }
    static vec max(vec a, vec b) { return wasm_f32x4_pmax(a, b); }
    static vec exp(vec x) { return exp_f32x4(x); }
    static float max_lanes(vec v) {
        return std::max(std::max(wasm_f32x4_extract_lane(v, 0), wasm_f32x4_extract_lane(v, 1)),
                        std::max(wasm_f32x4_extract_lane(v, 2), wasm_f32x4_extract_lane(v, 3)));
    }
    static float sum_lanes(vec v) {
        return (wasm_f32x4_extract_lane(v, 0) + wasm_f32x4_extract_lane(v, 1)) +
               (wasm_f32x4_extract_lane(v, 2) + wasm_f32x4_extract_lane(v, 3));
    }
};
#else
// Native: xsimd's batch for the architecture compiled for.
struct Lanes {
    using vec = simd::batch;
    static constexpr std::size_t size = simd::lanes;
    static vec load(const float* p) { return vec::load_unaligned(p); }
    static void store(float* p, vec v) { v.store_unaligned(p); }
    static vec splat(float x) { return vec(x); }
    static vec add(vec a, vec b) { return a + b; }
    static vec sub(vec a, vec b) { return a - b; }
    static vec mul(vec a, vec b) { return a * b; }
    static vec max(vec a, vec b) { return xsimd::max(a, b); }
    static vec exp(vec x) { return exp_batch(x); }
    static float max_lanes(vec v) {
        alignas(64) float lane[size];
        v.store_aligned(lane);
        float m = lane[0];
        for (std::size_t l = 1; l < size; ++l) m = std::max(m, lane[l]);
        return m;
    }
    static float sum_lanes(vec v) { return xsimd::hadd(v); }
};
#endif
}  // namespace detail
#define ATTN_SOFTMAX_LANES 1
#else
#define ATTN_SOFTMAX_LANES 0
#endif

inline float row_max(const float* x, std::size_t n) {
#if ATTN_SOFTMAX_LANES
    using L = detail::Lanes;
    const std::size_t vec_end = n - n % L::size;
    float m = x[0];
    if (vec_end > 0) {
        L::vec max_v = L::load(x);
        for (std::size_t j = L::size; j < vec_end; j += L::size) max_v = L::max(max_v, L::load(x + j));
        m = L::max_lanes(max_v);
    }
    for (std::size_t j = vec_end; j < n; ++j) m = std::max(m, x[j]);
    return m;
#else
    return row_max_reference(x, n);
#endif
}

inline float exp_shift_sum(float* x, std::size_t n, float shift) {
#if ATTN_SOFTMAX_LANES
    using L = detail::Lanes;
    const std::size_t vec_end = n - n % L::size;
    const L::vec shift_v = L::splat(shift);
    L::vec sum_v = L::splat(0.0f);
    for (std::size_t j = 0; j < vec_end; j += L::size) {
        const L::vec e = L::exp(L::sub(L::load(x + j), shift_v));
        L::store(x + j, e);
        sum_v = L::add(sum_v, e);
    }
    return exp_shift_accumulate(x, vec_end, n, shift, L::sum_lanes(sum_v));
#else
    return exp_shift_sum_reference(x, n, shift);
#endif
}

inline ShiftedExpRow exp_shifted_row(float* x, std::size_t n) {
    const float m = row_max(x, n);
    return {m, exp_shift_sum(x, n, m)};
}

inline void scale_row(float* x, std::size_t n, float factor) {
#if ATTN_SOFTMAX_LANES
    using L = detail::Lanes;
    const std::size_t vec_end = n - n % L::size;
    const L::vec factor_v = L::splat(factor);
    std::size_t j = 0;
    for (; j < vec_end; j += L::size) L::store(x + j, L::mul(L::load(x + j), factor_v));
    for (; j < n; ++j) x[j] *= factor;
#else
    scale_row_reference(x, n, factor);
#endif
}

// Non-finite detection: x·0 is 0 for finite x and NaN for ±∞ or NaN, so Σ_j x[j]·0 is NaN
// exactly when some x[j] is not finite.
inline ScaledRowMax scale_row_max(float* x, std::size_t n, float scale) {
#if ATTN_SOFTMAX_LANES
    using L = detail::Lanes;
    const std::size_t vec_end = n - n % L::size;
    const L::vec scale_v = L::splat(scale), zero = L::splat(0.0f);
    L::vec max_v = L::splat(-INFINITY), probe_v = zero;
    std::size_t j = 0;
    for (; j < vec_end; j += L::size) {
        const L::vec s = L::mul(L::load(x + j), scale_v);
        L::store(x + j, s);
        max_v = L::max(max_v, s);
        probe_v = L::add(probe_v, L::mul(s, zero));
    }
    float m = L::max_lanes(max_v), probe = L::sum_lanes(probe_v);
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
