// matmul.hpp — the two matrix products attention needs, on row-major float32 matrices:
//   matmul:    C (n×m) = A (n×k) · B (k×m)     row i of C = Σ_p A[i][p] · (row p of B)  (axpy rows)
//   matmul_bt: C (n×m) = A (n×k) · Bᵀ (k×m), B given as m×k: C[i][j] = (row i of A)·(row j of B)  (dots)
// Each has a plain triple-loop *_reference beside it. Callers guarantee the shapes.
#pragma once

#include "axpy.hpp"
#include "dot.hpp"
#include "matrix.hpp"

namespace attn::kernels {

inline void matmul_reference(Matrix& c, const Matrix& a, const Matrix& b) {
    const std::size_t n = rows(a), k = cols(a), m = cols(b);
    c = Matrix::from_shape({n, m});
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < m; ++j) {
            float sum = 0.0f;
            for (std::size_t p = 0; p < k; ++p) sum += a(i, p) * b(p, j);
            c(i, j) = sum;
        }
}

inline void matmul(Matrix& c, const Matrix& a, const Matrix& b) {
    const std::size_t n = rows(a), k = cols(a), m = cols(b);
    c = Matrix::from_shape({n, m});
    c.fill(0.0f);
    for (std::size_t i = 0; i < n; ++i) {
        float* c_row = row_ptr(c, i);
        const float* a_row = row_ptr(a, i);
        for (std::size_t p = 0; p < k; ++p) axpy(c_row, a_row[p], row_ptr(b, p), m);
    }
}

inline void matmul_bt_reference(Matrix& c, const Matrix& a, const Matrix& b) {
    const std::size_t n = rows(a), k = cols(a), m = rows(b);
    c = Matrix::from_shape({n, m});
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < m; ++j) c(i, j) = dot_reference(row_ptr(a, i), row_ptr(b, j), k);
}

inline void matmul_bt(Matrix& c, const Matrix& a, const Matrix& b) {
    const std::size_t n = rows(a), k = cols(a), m = rows(b);
    c = Matrix::from_shape({n, m});
    for (std::size_t i = 0; i < n; ++i) {
        float* c_row = row_ptr(c, i);
        for (std::size_t j = 0; j < m; ++j) c_row[j] = dot(row_ptr(a, i), row_ptr(b, j), k);
    }
}

}  // namespace attn::kernels
