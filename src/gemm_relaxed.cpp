// gemm_relaxed.cpp — attn_gemm_acc_relaxed (gemm_relaxed.hpp) with WebAssembly relaxed SIMD.
// Compiled alone by clang 19 (-msimd128 -mrelaxed-simd) and linked into the relaxed-simd build;
// it includes nothing of the core, so no C++ library header meets two compilers.
//
// Tiles of C: R rows × V·4 columns in R·V f32x4 accumulators; per step p, one splat of A[i][p]
// per row, V loads of B's row p, R·V fused multiply-adds acc ← acc + A[i][p]·B[p][j…j+3].
#include <stddef.h>
#include <wasm_simd128.h>

namespace {

constexpr size_t kLanes = 4;
constexpr size_t kTileRows = 4;
constexpr size_t kTileVectors = 2;

template <size_t R, size_t V>
inline void tile(float* c, size_t ldc, const float* a, size_t lda, const float* b, size_t ldb, size_t k) {
    v128_t acc[R][V];
    for (size_t r = 0; r < R; ++r)
        for (size_t v = 0; v < V; ++v) acc[r][v] = wasm_v128_load(c + r * ldc + v * kLanes);
    for (size_t p = 0; p < k; ++p) {
        v128_t b_row[V];
        for (size_t v = 0; v < V; ++v) b_row[v] = wasm_v128_load(b + p * ldb + v * kLanes);
        for (size_t r = 0; r < R; ++r) {
            const v128_t a_rp = wasm_v128_load32_splat(a + r * lda + p);
            for (size_t v = 0; v < V; ++v) acc[r][v] = wasm_f32x4_relaxed_madd(a_rp, b_row[v], acc[r][v]);
        }
    }
    for (size_t r = 0; r < R; ++r)
        for (size_t v = 0; v < V; ++v) wasm_v128_store(c + r * ldc + v * kLanes, acc[r][v]);
}

// C rows [0, R) × columns [j, m) of scalar sums, p in increasing order.
template <size_t R>
inline void scalar_columns(float* c, size_t ldc, const float* a, size_t lda, const float* b, size_t ldb, size_t k,
                           size_t j, size_t m) {
    for (size_t r = 0; r < R; ++r)
        for (size_t col = j; col < m; ++col) {
            float sum = c[r * ldc + col];
            for (size_t p = 0; p < k; ++p) sum += a[r * lda + p] * b[p * ldb + col];
            c[r * ldc + col] = sum;
        }
}

// The columns of R rows: full tiles, one-vector tiles, then scalar columns.
template <size_t R>
inline void rows(float* c, size_t ldc, const float* a, size_t lda, const float* b, size_t ldb, size_t k, size_t m) {
    constexpr size_t wide = kTileVectors * kLanes;
    size_t j = 0;
    for (; j + wide <= m; j += wide) tile<R, kTileVectors>(c + j, ldc, a, lda, b + j, ldb, k);
    for (; j + kLanes <= m; j += kLanes) tile<R, 1>(c + j, ldc, a, lda, b + j, ldb, k);
    if (j < m) scalar_columns<R>(c, ldc, a, lda, b, ldb, k, j, m);
}

}  // namespace

extern "C" void attn_gemm_acc_relaxed(float* c, size_t ldc, const float* a, size_t lda, const float* b, size_t ldb,
                                      size_t n, size_t k, size_t m) {
    size_t i = 0;
    for (; i + kTileRows <= n; i += kTileRows) rows<kTileRows>(c + i * ldc, ldc, a + i * lda, lda, b, ldb, k, m);
    switch (n - i) {
        case 3: rows<3>(c + i * ldc, ldc, a + i * lda, lda, b, ldb, k, m); break;
        case 2: rows<2>(c + i * ldc, ldc, a + i * lda, lda, b, ldb, k, m); break;
        case 1: rows<1>(c + i * ldc, ldc, a + i * lda, lda, b, ldb, k, m); break;
        default: break;
    }
}
