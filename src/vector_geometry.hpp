// vector_geometry.hpp — what a dot product is made of, for drawing vectors as arrows:
// lengths, cosines and angles of every pair of rows of two matrices, and the convex hull of
// points in the plane.
//
//   a: n×d, b: m×d (equal widths)
//   norms_a[i]      = |a_i| = √(Σ_t a_i[t]²)                                   n
//   norms_b[j]      = |b_j|                                                     m
//   dots[i][j]      = a_i · b_j = Σ_t a_i[t]·b_j[t]                             n×m
//   cosines[i][j]   = dots[i][j] / (|a_i|·|b_j|), clamped to [−1, 1];
//                     0 when a_i or b_j is the zero vector (no direction)       n×m
//   angles[i][j]    = arccos(cosines[i][j]), radians in [0, π]                   n×m
//   degrees[i][j]   = angles[i][j] · 180/π, in [0, 180]                          n×m
//   products[i][j]  = |a_i| · |b_j| · cosines[i][j]  (equals dots[i][j] up to rounding)  n×m
//   units_a[i]      = a_i / |a_i| (the zero row for the zero vector)            n×d
//   units_b[j]      = b_j / |b_j|                                               m×d
// Sums and roots are taken in double, then stored as float32.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "matrix.hpp"
#include "status.hpp"

namespace attn {

struct PairGeometry {
    std::vector<float> norms_a;   // n
    std::vector<float> norms_b;   // m
    Matrix dots;                  // n×m
    Matrix cosines;               // n×m
    Matrix angles;                // n×m, radians
    Matrix degrees;               // n×m, the same angles in degrees
    Matrix products;              // n×m, |a_i|·|b_j|·cos θ_ij
    Matrix units_a;               // n×d
    Matrix units_b;               // m×d
};

// Fails when either matrix is empty, over the limits or not finite, or when the widths differ
// ("K has 3 columns but Q has 2; pairs of rows need equal widths"). name_a / name_b name the
// matrices in messages.
Status pair_geometry(PairGeometry& out, const Matrix& a, const Matrix& b, const std::string& name_a = "A",
                     const std::string& name_b = "B");

// The convex hull of the rows of points (n×2) as row indices, counter-clockwise, starting at the
// lowest point (the leftmost of the lowest); points on an edge and repeated points are left out,
// so 1 point gives 1 index and points on one line give its 2 ends. Andrew's monotone chain,
// with the cross product (p1 − p0) × (p2 − p0) in double.
// Fails when points is not n×2, empty, over the limits or not finite.
Status convex_hull_2d(std::vector<std::size_t>& out, const Matrix& points, const std::string& name = "points");

}  // namespace attn
