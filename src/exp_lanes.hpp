// exp_lanes.hpp — e^x on every lane of a SIMD vector (Cephes expf):
//
//   x  ← min(x, 88)                        (e^88 ≈ 1.65·10³⁸ < float max; softmax only needs x ≤ 0)
//   t  = nearest(x·log₂e)                  x = t·ln2 + r, |r| ≤ ln2/2
//   r  = x − t·C1 − t·C2                   C1 + C2 = ln2, C1 exact in 9 bits, so t·C1 is exact
//   e^r ≈ 1 + r + r²·P(r)                  P of degree 5 (relative error ≈ 2·10⁻⁷ on |r| ≤ ln2/2)
//   e^x = e^r · 2^t                        2^t built as the bits (t + 127) << 23
//   x < −87.336 (= ln 2⁻¹²⁶, where 2^t would leave the normal floats), x = −∞: e^x = 0
//
// exp_reference is std::exp. exp_f32x4 is written with WebAssembly SIMD128 intrinsics (there
// xsimd would go through Emscripten's SSE emulation, whose float→int conversion is a scalar
// loop); exp_batch is the same steps with xsimd for native builds.
#pragma once

#include <cmath>
#include <cstdint>

#include "simd.hpp"

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

namespace attn::kernels {

inline float exp_reference(float x) { return std::exp(x); }

namespace exp_constants {
constexpr float max_input = 88.0f;
constexpr float min_input = -87.33654475f;  // ln 2⁻¹²⁶
constexpr float log2e = 1.44269504088896341f;
constexpr float c1 = 0.693359375f;
constexpr float c2 = -2.12194440e-4f;
constexpr float p0 = 1.9875691500e-4f, p1 = 1.3981999507e-3f, p2 = 8.3334519073e-3f, p3 = 4.1665795894e-2f,
                p4 = 1.6666665459e-1f, p5 = 5.0000001201e-1f;
}  // namespace exp_constants

#if defined(__wasm_simd128__)
inline v128_t exp_f32x4(v128_t x) {
    namespace c = exp_constants;
    const v128_t underflow = wasm_f32x4_lt(x, wasm_f32x4_splat(c::min_input));
    x = wasm_f32x4_pmin(x, wasm_f32x4_splat(c::max_input));
    x = wasm_f32x4_pmax(x, wasm_f32x4_splat(c::min_input));
    const v128_t t = wasm_f32x4_nearest(wasm_f32x4_mul(x, wasm_f32x4_splat(c::log2e)));
    v128_t r = wasm_f32x4_sub(x, wasm_f32x4_mul(t, wasm_f32x4_splat(c::c1)));
    r = wasm_f32x4_sub(r, wasm_f32x4_mul(t, wasm_f32x4_splat(c::c2)));
    v128_t y = wasm_f32x4_splat(c::p0);
    y = wasm_f32x4_add(wasm_f32x4_mul(y, r), wasm_f32x4_splat(c::p1));
    y = wasm_f32x4_add(wasm_f32x4_mul(y, r), wasm_f32x4_splat(c::p2));
    y = wasm_f32x4_add(wasm_f32x4_mul(y, r), wasm_f32x4_splat(c::p3));
    y = wasm_f32x4_add(wasm_f32x4_mul(y, r), wasm_f32x4_splat(c::p4));
    y = wasm_f32x4_add(wasm_f32x4_mul(y, r), wasm_f32x4_splat(c::p5));
    y = wasm_f32x4_add(wasm_f32x4_mul(y, wasm_f32x4_mul(r, r)), r);
    y = wasm_f32x4_add(y, wasm_f32x4_splat(1.0f));
    const v128_t two_t = wasm_i32x4_shl(wasm_i32x4_add(wasm_i32x4_trunc_sat_f32x4(t), wasm_i32x4_splat(127)), 23);
    return wasm_v128_andnot(wasm_f32x4_mul(y, two_t), underflow);
}
#elif ATTN_SIMD
inline simd::batch exp_batch(simd::batch x) {
    namespace c = exp_constants;
    using simd::batch;
    const auto underflow = x < batch(c::min_input);
    x = xsimd::max(xsimd::min(x, batch(c::max_input)), batch(c::min_input));
    const batch t = xsimd::nearbyint(x * batch(c::log2e));
    batch r = x - t * batch(c::c1);
    r = r - t * batch(c::c2);
    batch y(c::p0);
    y = y * r + batch(c::p1);
    y = y * r + batch(c::p2);
    y = y * r + batch(c::p3);
    y = y * r + batch(c::p4);
    y = y * r + batch(c::p5);
    y = y * (r * r) + r;
    y = y + batch(1.0f);
    using int_batch = xsimd::batch<std::int32_t>;
    const int_batch bits = (xsimd::to_int(t) + int_batch(127)) << 23;
    return xsimd::select(underflow, batch(0.0f), y * xsimd::bitwise_cast<batch>(bits));
}
#endif

}  // namespace attn::kernels
