// pair_geometry (lengths, cosines, angles of pairs of rows) and convex_hull_2d.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "vector_geometry.hpp"

TEST_CASE("pair_geometry: |a|·|b|·cos θ rebuilds every dot product", "[vector_geometry]") {
    const attn::Matrix q = {{1.0f, 2.0f}, {3.0f, 4.0f}, {0.0f, 0.0f}};
    const attn::Matrix k = {{1.0f, 0.0f}, {0.0f, -2.0f}};
    attn::PairGeometry g;
    REQUIRE(attn::pair_geometry(g, q, k, "Q", "K").ok());
    REQUIRE(g.norms_a.size() == 3);
    REQUIRE(g.norms_b.size() == 2);
    CHECK(g.norms_a[0] == Approx(std::sqrt(5.0)));
    CHECK(g.norms_a[1] == 5.0f);
    CHECK(g.norms_a[2] == 0.0f);
    CHECK(g.norms_b[1] == 2.0f);
    // q₁ = (3, 4), k₀ = (1, 0): cos θ = 3/5; q₁ · k₁ = −8, cos θ = −8/10.
    CHECK(g.dots(1, 0) == 3.0f);
    CHECK(g.cosines(1, 0) == Approx(0.6));
    CHECK(g.angles(1, 0) == Approx(std::acos(0.6)));
    CHECK(g.dots(1, 1) == -8.0f);
    CHECK(g.cosines(1, 1) == Approx(-0.8));
    CHECK(g.angles(1, 1) == Approx(std::acos(-0.8)));
    CHECK(g.degrees(1, 0) == Approx(53.130102));
    CHECK(g.degrees(0, 0) == Approx(63.434949));
    for (std::size_t i = 0; i < 3; ++i)
        for (std::size_t j = 0; j < 2; ++j) CHECK(g.products(i, j) == Approx(g.dots(i, j)).margin(1e-6));
    // The zero vector has no direction: cosine 0, angle π/2, unit row 0.
    CHECK(g.cosines(2, 0) == 0.0f);
    CHECK(g.angles(2, 0) == Approx(std::acos(0.0)));
    CHECK(g.degrees(2, 0) == Approx(90.0));
    CHECK(g.units_a(2, 0) == 0.0f);
    CHECK(g.units_a(2, 1) == 0.0f);
    CHECK(g.units_a(1, 0) == Approx(0.6));
    CHECK(g.units_a(1, 1) == Approx(0.8));
    CHECK(g.units_b(1, 1) == -1.0f);
}

TEST_CASE("pair_geometry: parallel rows have cosine exactly 1 and angle 0", "[vector_geometry]") {
    const attn::Matrix a = {{0.1f, 0.3f}};
    const attn::Matrix b = {{0.2f, 0.6f}, {-0.1f, -0.3f}};
    attn::PairGeometry g;
    REQUIRE(attn::pair_geometry(g, a, b).ok());
    CHECK(g.cosines(0, 0) <= 1.0f);
    CHECK(g.cosines(0, 0) == Approx(1.0));
    CHECK(g.angles(0, 0) == Approx(0.0).margin(1e-3));
    CHECK(g.cosines(0, 1) >= -1.0f);
    CHECK(g.angles(0, 1) == Approx(std::acos(-1.0)).margin(1e-3));
}

TEST_CASE("pair_geometry: messages name the matrices", "[vector_geometry]") {
    attn::PairGeometry g;
    const attn::Matrix q = {{1.0f, 2.0f}};
    const attn::Matrix k = {{1.0f, 2.0f, 3.0f}};
    CHECK(attn::pair_geometry(g, q, k, "Q", "K").message() == "K has 3 columns but Q has 2; pairs of rows need equal widths");
    const attn::Matrix bad = {{1.0f, NAN}};
    CHECK(attn::pair_geometry(g, q, bad, "Q", "K").message().rfind("K[0][1] is NaN", 0) == 0);
}

TEST_CASE("convex_hull_2d: counter-clockwise from the lowest point, inner and edge points left out", "[vector_geometry]") {
    // A square with a point inside, a point on its bottom edge, and a repeated corner.
    const attn::Matrix points = {{1, 1}, {0, 0}, {2, 0}, {2, 2}, {0, 2}, {1, 0}, {2, 2}};
    std::vector<std::size_t> hull;
    REQUIRE(attn::convex_hull_2d(hull, points).ok());
    CHECK(hull == std::vector<std::size_t>{1, 2, 3, 4});
}

TEST_CASE("convex_hull_2d: a triangle, one point, a line", "[vector_geometry]") {
    std::vector<std::size_t> hull;
    REQUIRE(attn::convex_hull_2d(hull, attn::Matrix{{1, 2}, {3, 4}, {5, 6.5}}).ok());
    CHECK(hull == std::vector<std::size_t>{0, 1, 2});   // (5, 6.5) lies left of (1, 2)→(3, 4): a left turn at 1
    REQUIRE(attn::convex_hull_2d(hull, attn::Matrix{{4, -1}}).ok());
    CHECK(hull == std::vector<std::size_t>{0});
    REQUIRE(attn::convex_hull_2d(hull, attn::Matrix{{0, 0}, {1, 1}, {2, 2}, {3, 3}}).ok());
    CHECK(hull == std::vector<std::size_t>{0, 3});
}

TEST_CASE("convex_hull_2d: points must have 2 columns", "[vector_geometry]") {
    std::vector<std::size_t> hull;
    CHECK(attn::convex_hull_2d(hull, attn::Matrix{{1, 2, 3}}, "V").message() ==
          "V has 3 columns; a convex hull in the plane needs 2 (x and y)");
}
