// positional_encoding.cpp — see positional_encoding.hpp for the formula.
#include "positional_encoding.hpp"

#include <cmath>

#include "validate.hpp"

namespace attn {

Status sinusoidal_encoding(Matrix& out, std::size_t n, std::size_t d) {
    if (n == 0 || d == 0)
        return Status::error(Code::empty, "positional encoding of " + shape_string(n, d) +
                                              ": needs at least 1 position and a width of at least 1");
    if (Status s = check_extent(n, d, "positional encoding"); !s) return s;
    out = Matrix::from_shape({n, d});
    for (std::size_t p = 0; p < n; ++p) {
        float* row = row_ptr(out, p);
        for (std::size_t c = 0; c < d; ++c) {
            const double i2 = double(c - c % 2);                              // 2i
            const double angle = double(p) / std::pow(10000.0, i2 / double(d));
            row[c] = float(c % 2 == 0 ? std::sin(angle) : std::cos(angle));
        }
    }
    return {};
}

Status add_positional_encoding(Matrix& out, const Matrix& x) {
    if (Status s = check_matrix(x, "X"); !s) return s;
    Matrix pe;
    if (Status s = sinusoidal_encoding(pe, rows(x), cols(x)); !s) return s;
    out = x + pe;
    return check_finite_result(out, "X + PE", "adding the positional encoding to X",
                               "the entries of X must stay below about 3.4e38 in size");
}

}  // namespace attn
