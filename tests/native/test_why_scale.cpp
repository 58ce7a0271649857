// The "Why scale?" experiment and row_sums.
#include <catch2/catch.hpp>

#include <cmath>
#include <iostream>

#include "why_scale.hpp"

TEST_CASE("row_sums adds each row", "[why_scale]") {
    const attn::Matrix m = {{0.25f, 0.25f, 0.5f}, {1.0f, -2.0f, 4.0f}};
    std::vector<float> sums;
    REQUIRE(attn::row_sums(sums, m).ok());
    REQUIRE(sums.size() == 2);
    CHECK(sums[0] == 1.0f);
    CHECK(sums[1] == 3.0f);
}

TEST_CASE("scale_experiment: without 1/sqrt(d_k) the softmax saturates as d_k grows, with it it does not", "[why_scale]") {
    float previous_max = 0.0f;
    for (std::size_t d_k : {2u, 8u, 32u, 128u, 512u, 1024u}) {
        attn::ScaleExperiment e;
        REQUIRE(attn::scale_experiment(e, d_k, 16, 64, 7).ok());
        INFO("d_k = " << d_k << ": unscaled max " << e.unscaled.mean_max_weight << ", entropy " << e.unscaled.mean_entropy_share
                      << "; scaled max " << e.scaled.mean_max_weight << ", entropy " << e.scaled.mean_entropy_share
                      << "; score rms " << e.score_rms);
        // Scores of unit-variance entries have variance d_k.
        CHECK(e.score_rms == Approx(std::sqrt(float(d_k))).epsilon(0.15));
        // With the factor the spread does not depend on d_k: far from one-hot at every size.
        CHECK(e.scaled.mean_entropy_share > 0.7f);
        CHECK(e.scaled.mean_max_weight < 0.4f);
        // Without it, the largest weight grows with d_k (allowing sampling noise).
        CHECK(e.unscaled.mean_max_weight >= previous_max - 0.02f);
        previous_max = e.unscaled.mean_max_weight;
        if (d_k >= 128) {
            CHECK(e.unscaled.mean_max_weight > 0.85f);
            CHECK(e.unscaled.mean_entropy_share < 0.2f);
        }
    }
}

TEST_CASE("scale_experiment: the same seed gives the same figures", "[why_scale]") {
    attn::ScaleExperiment a, b, c;
    REQUIRE(attn::scale_experiment(a, 64, 16, 32, 3).ok());
    REQUIRE(attn::scale_experiment(b, 64, 16, 32, 3).ok());
    REQUIRE(attn::scale_experiment(c, 64, 16, 32, 4).ok());
    CHECK(a.score_rms == b.score_rms);
    CHECK(a.unscaled.mean_max_weight == b.unscaled.mean_max_weight);
    CHECK(a.scaled.mean_entropy_share == b.scaled.mean_entropy_share);
    CHECK(a.score_rms != c.score_rms);
}

TEST_CASE("scale_experiment: sizes out of range are refused with the range", "[why_scale]") {
    attn::ScaleExperiment e;
    attn::Status s = attn::scale_experiment(e, 0, 16, 8, 1);
    REQUIRE(!s.ok());
    CHECK(s.message() == "d_k is 0; it must be from 1 to 4096");
    s = attn::scale_experiment(e, 8, 1, 8, 1);
    REQUIRE(!s.ok());
    CHECK(s.message() == "keys is 1; it must be from 2 to 1024");
    s = attn::scale_experiment(e, 8, 16, 2000, 1);
    REQUIRE(!s.ok());
    CHECK(s.message() == "samples is 2000; it must be from 1 to 1024");
}
