// axpy.hpp — y[i] += alpha·x[i] for i < n: one row of a matrix product A·B is
// Σ_p A[i][p] · (row p of B), so products with a row-major right operand are axpy loops.
//
// axpy_reference is the plain loop; axpy is the SIMD kernel with a scalar tail.
#pragma once

#include <cstddef>

#include "simd.hpp"

namespace attn::kernels {

inline void axpy_reference(float* y, float alpha, const float* x, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) y[i] += alpha * x[i];
}

inline void axpy(float* y, float alpha, const float* x, std::size_t n) {
#if ATTN_SIMD
    using simd::batch;
    const std::size_t vec_end = n - n % simd::lanes;
    const batch a(alpha);
    std::size_t i = 0;
    for (; i < vec_end; i += simd::lanes) {
        xsimd::fma(a, batch::load_unaligned(x + i), batch::load_unaligned(y + i)).store_unaligned(y + i);
    }
    for (; i < n; ++i) y[i] += alpha * x[i];
#else
    axpy_reference(y, alpha, x, n);
#endif
}

}  // namespace attn::kernels
