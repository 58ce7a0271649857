#include "vector_geometry.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "validate.hpp"

namespace attn {

namespace {

// |r| in double, for a row of `width` floats.
double row_norm(const float* r, std::size_t width) {
    double sum = 0.0;
    for (std::size_t t = 0; t < width; ++t) sum += double(r[t]) * double(r[t]);
    return std::sqrt(sum);
}

void unit_rows(Matrix& units, std::vector<float>& norms, const Matrix& m) {
    const std::size_t n = rows(m), d = cols(m);
    units = Matrix::from_shape({n, d});
    norms.assign(n, 0.0f);
    for (std::size_t i = 0; i < n; ++i) {
        const double norm = row_norm(row_ptr(m, i), d);
        norms[i] = float(norm);
        float* u = row_ptr(units, i);
        for (std::size_t t = 0; t < d; ++t) u[t] = norm > 0.0 ? float(double(row_ptr(m, i)[t]) / norm) : 0.0f;
    }
}

}  // namespace

Status pair_geometry(PairGeometry& out, const Matrix& a, const Matrix& b, const std::string& name_a,
                     const std::string& name_b) {
    if (Status s = check_matrix(a, name_a); !s) return s;
    if (Status s = check_matrix(b, name_b); !s) return s;
    if (cols(a) != cols(b)) {
        return Status::error(Code::shape_mismatch, name_b + " has " + count_of(cols(b), "column", "columns") + " but " +
                                                       name_a + " has " + std::to_string(cols(a)) +
                                                       "; pairs of rows need equal widths")
            .at(name_b);
    }
    const std::size_t n = rows(a), m = rows(b), d = cols(a);
    PairGeometry g;
    unit_rows(g.units_a, g.norms_a, a);
    unit_rows(g.units_b, g.norms_b, b);
    g.dots = Matrix::from_shape({n, m});
    g.cosines = Matrix::from_shape({n, m});
    g.angles = Matrix::from_shape({n, m});
    g.degrees = Matrix::from_shape({n, m});
    g.products = Matrix::from_shape({n, m});
    for (std::size_t i = 0; i < n; ++i) {
        const float* ai = row_ptr(a, i);
        const double norm_a = row_norm(ai, d);
        for (std::size_t j = 0; j < m; ++j) {
            const float* bj = row_ptr(b, j);
            double dot = 0.0;
            for (std::size_t t = 0; t < d; ++t) dot += double(ai[t]) * double(bj[t]);
            const double norm_b = row_norm(bj, d);
            const double lengths = norm_a * norm_b;
            const double cosine = lengths > 0.0 ? std::clamp(dot / lengths, -1.0, 1.0) : 0.0;
            if (!std::isfinite(float(dot)) || !std::isfinite(float(lengths)) || !std::isfinite(float(norm_a)) ||
                !std::isfinite(float(norm_b))) {
                return Status::error(Code::overflow, name_a + " row " + std::to_string(i) + " · " + name_b + " row " +
                                                         std::to_string(j) +
                                                         " overflowed float32; use smaller numbers")
                    .at(name_a, long(i));
            }
            g.dots(i, j) = float(dot);
            g.cosines(i, j) = float(cosine);
            const double angle = std::acos(cosine);
            g.angles(i, j) = float(angle);
            g.degrees(i, j) = float(angle * (180.0 / 3.14159265358979323846));
            g.products(i, j) = float(lengths * cosine);
        }
    }
    out = std::move(g);
    return {};
}

Status convex_hull_2d(std::vector<std::size_t>& out, const Matrix& points, const std::string& name) {
    if (Status s = check_matrix(points, name); !s) return s;
    if (cols(points) != 2) {
        return Status::error(Code::shape_mismatch, name + " has " + count_of(cols(points), "column", "columns") +
                                                       "; a convex hull in the plane needs 2 (x and y)")
            .at(name);
    }
    const std::size_t n = rows(points);
    const auto x = [&](std::size_t i) { return double(points(i, 0)); };
    const auto y = [&](std::size_t i) { return double(points(i, 1)); };
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t(0));
    // Sorted by (y, x), so that the hull starts at the lowest, leftmost point.
    std::stable_sort(order.begin(), order.end(), [&](std::size_t p, std::size_t q) {
        return y(p) < y(q) || (y(p) == y(q) && x(p) < x(q));
    });
    order.erase(std::unique(order.begin(), order.end(),
                            [&](std::size_t p, std::size_t q) { return x(p) == x(q) && y(p) == y(q); }),
                order.end());
    if (order.size() <= 2) {
        out = order;
        return {};
    }
    // (o→p) × (o→q) > 0: q lies to the left of o→p.
    const auto cross = [&](std::size_t o, std::size_t p, std::size_t q) {
        return (x(p) - x(o)) * (y(q) - y(o)) - (y(p) - y(o)) * (x(q) - x(o));
    };
    std::vector<std::size_t> hull(2 * order.size());
    std::size_t k = 0;
    for (std::size_t p : order) {  // the right chain, upwards
        while (k >= 2 && cross(hull[k - 2], hull[k - 1], p) <= 0.0) --k;
        hull[k++] = p;
    }
    for (std::size_t r = order.size() - 1, lower = k + 1; r-- > 0;) {  // the left chain, downwards
        const std::size_t p = order[r];
        while (k >= lower && cross(hull[k - 2], hull[k - 1], p) <= 0.0) --k;
        hull[k++] = p;
    }
    hull.resize(k - 1);  // the last point is the first again
    out = std::move(hull);
    return {};
}

}  // namespace attn
