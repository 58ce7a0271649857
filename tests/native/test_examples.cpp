// The material's worked examples (/work/shared/material, see its README.md), each run through
// the core and compared with values computed independently.
//
// Every expected number below comes from tests/reference/expected_values.py (Python standard
// library, double precision, plain loops) — never from the core's own output. To regenerate or
// check the pasted block:
//   python3 tests/reference/expected_values.py | diff - <(sed -n '\|^// BEGIN expected_values.py|,\|^// END expected_values.py|p' tests/native/test_examples.cpp)
// A few figures are also written out by hand where the material (or the site) quotes them.
//
// Like llm.c's tests, each case prints the largest |core − reference| it saw.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <iostream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "attention.hpp"
#include "multi_head.hpp"

namespace {

using Ref = std::vector<std::vector<double>>;
const double kNegInf = -std::numeric_limits<double>::infinity();

// Each entry must match its reference within this much (absolute, or relative for large values).
constexpr double kTolerance = 1e-5;

attn::Matrix to_matrix(const Ref& ref) {
    attn::Matrix m = attn::Matrix::from_shape({ref.size(), ref.front().size()});
    for (std::size_t i = 0; i < ref.size(); ++i) {
        REQUIRE(ref[i].size() == ref.front().size());
        for (std::size_t j = 0; j < ref[i].size(); ++j) m(i, j) = static_cast<float>(ref[i][j]);
    }
    return m;
}

// Compares matrices of one example with their references entry by entry and keeps the largest
// absolute difference of each, for the line print() writes.
class Comparison {
public:
    explicit Comparison(std::string example) : example_(std::move(example)) {}

    void check(const attn::Matrix& got, const Ref& want, const std::string& what) {
        INFO(example_ << ": " << what);
        REQUIRE(attn::rows(got) == want.size());
        REQUIRE(attn::cols(got) == want.front().size());
        double worst = 0.0;
        for (std::size_t i = 0; i < want.size(); ++i)
            for (std::size_t j = 0; j < want[i].size(); ++j) {
                const float g = got(i, j);
                const double w = want[i][j];
                INFO(what << "[" << i << "][" << j << "] = " << std::setprecision(9) << g << ", reference " << w);
                if (std::isinf(w)) {  // a masked scaled score: exactly −∞
                    CHECK(std::isinf(g));
                    CHECK(g < 0.0f);
                    continue;
                }
                CHECK(double(g) == Approx(w).epsilon(kTolerance).margin(kTolerance));
                worst = std::max(worst, std::fabs(double(g) - w));
            }
        record(what, worst);
    }

    void check(double got, double want, const std::string& what) {
        INFO(example_ << ": " << what << " = " << std::setprecision(9) << got << ", reference " << want);
        CHECK(got == Approx(want).epsilon(kTolerance).margin(kTolerance));
        record(what, std::fabs(got - want));
    }

    // One line per example, e.g. "[examples] 003 section 4: max |core - reference| = 5.9e-08 (…)".
    void print() const {
        std::ostringstream line;
        line << "[examples] " << example_ << ": max |core - reference| = " << std::setprecision(2) << max_;
        line << " (" << parts_.str() << ")";
        std::cout << line.str() << std::endl;
        CHECK(max_ < kTolerance);
    }

private:
    void record(const std::string& what, double worst) {
        max_ = std::max(max_, worst);
        parts_ << (parts_.tellp() > 0 ? ", " : "") << what << " " << std::setprecision(2) << worst;
    }

    std::string example_;
    double max_ = 0.0;
    std::ostringstream parts_;
};

void check_attention(Comparison& c, const attn::AttentionTrace& t, double scale, const Ref& scores,
                     const Ref& scaled, const Ref& weights, const Ref& output, const std::string& prefix = "") {
    c.check(t.scale, scale, prefix + "scale");
    c.check(t.scores, scores, prefix + "scores");
    c.check(t.scaled_scores, scaled, prefix + "scaled");
    c.check(t.weights, weights, prefix + "weights");
    c.check(t.output, output, prefix + "output");
}

// BEGIN expected_values.py output (python3 tests/reference/expected_values.py)
// 004 sections 3.1/3.2/4.1/4.2: d_k = 2, scale 1/sqrt(2)
const Ref ex004_Q = {{1, 2}, {3, 4}, {5, 6}};
const Ref ex004_K = {{1, 0}, {0, 1}, {1, 1}};
const Ref ex004_V = {{2, 0}, {0, 2}, {2, 2}};
const double ex004_scale = 0.7071068;
const Ref ex004_scores = {{1, 2, 3}, {3, 4, 7}, {5, 6, 11}};
const Ref ex004_scaled = {{0.7071068, 1.414214, 2.12132}, {2.12132, 2.828427, 4.949747}, {3.535534, 4.242641, 7.778175}};
const Ref ex004_weights = {{0.1400292, 0.2839954, 0.5759753}, {0.05013299, 0.1016755, 0.8481915}, {0.01377041, 0.02792797, 0.9583016}};
const Ref ex004_output = {{1.432009, 1.719942}, {1.796649, 1.899734}, {1.944144, 1.972459}};

// 004 with the causal mask (position i sees keys 0..i)
const double ex004c_scale = 0.7071068;
const Ref ex004c_scores = {{1, 2, 3}, {3, 4, 7}, {5, 6, 11}};
const Ref ex004c_scaled = {{0.7071068, kNegInf, kNegInf}, {2.12132, 2.828427, kNegInf}, {3.535534, 4.242641, 7.778175}};
const Ref ex004c_weights = {{1, 0, 0}, {0.3302385, 0.6697615, 0}, {0.01377041, 0.02792797, 0.9583016}};
const Ref ex004c_output = {{2, 0}, {0.6604769, 1.339523}, {1.944144, 1.972459}};

// 003 section 4: d_k = 2, scale 1/sqrt(2)
const Ref ex003_Q = {{0.1, 0.2}, {0.3, 0.4}};
const Ref ex003_K = {{0.5, 0.6}, {0.7, 0.8}};
const Ref ex003_V = {{0.9, 1}, {1.1, 1.2}};
const double ex003_scale = 0.7071068;
const Ref ex003_scores = {{0.17, 0.23}, {0.39, 0.53}};
const Ref ex003_scaled = {{0.1202082, 0.1626346}, {0.2757717, 0.3747666}};
const Ref ex003_weights = {{0.489395, 0.510605}, {0.4752715, 0.5247285}};
const Ref ex003_output = {{1.002121, 1.102121}, {1.004946, 1.104946}};
const Ref ex003_material_q_dot_k = {{0.19, 0.22}, {0.43, 0.5}};

// 001 section 4.2: tokens dog/cat/bird, every query [1,0,0], key [0,1,0], value [0,0,1]; d_k = 3
const Ref ex001_Q = {{1, 0, 0}, {1, 0, 0}, {1, 0, 0}};
const Ref ex001_K = {{0, 1, 0}, {0, 1, 0}, {0, 1, 0}};
const Ref ex001_V = {{0, 0, 1}, {0, 0, 1}, {0, 0, 1}};
const double ex001_scale = 0.5773503;
const Ref ex001_scores = {{0, 0, 0}, {0, 0, 0}, {0, 0, 0}};
const Ref ex001_scaled = {{0, 0, 0}, {0, 0, 0}, {0, 0, 0}};
const Ref ex001_weights = {{0.3333333, 0.3333333, 0.3333333}, {0.3333333, 0.3333333, 0.3333333}, {0.3333333, 0.3333333, 0.3333333}};
const Ref ex001_output = {{0, 0, 1}, {0, 0, 1}, {0, 0, 1}};

// 000 section 4: X 3x5, W_Q/W_K/W_V 5x5 (numbers supplied by us), 1 head, no W_O, scale 1/sqrt(5)
const Ref ex000_X = {{1, 0, -1, 0.5, 0}, {0, 1, 0.5, 0, -1}, {0.5, -1, 0, 1, 1}};
const Ref ex000_WQ = {{0.5, 0, -0.5, 1, 0}, {0, 1, 0, -0.5, 0.5}, {-1, 0.5, 0, 0, 1}, {0, 0, 1, 0.5, -0.5}, {0.5, -0.5, 0.5, 0, 0}};
const Ref ex000_WK = {{0, 0.5, 1, 0, -0.5}, {1, 0, 0, 0.5, 0}, {0.5, -1, 0.5, 0, 0}, {0, 0.5, 0, -1, 1}, {-0.5, 0, 0, 1, 0.5}};
const Ref ex000_WV = {{1, 0, 0, 2, -1}, {0, 2, 0, 0, 1}, {0, -1, 1, 0, 0}, {2, 0, -1, 1, 0}, {0, 1, 0, -1, 2}};
const Ref ex000_q = {{1.5, -0.5, 0, 1.25, -1.25}, {-1, 1.75, -0.5, -0.5, 1}, {0.75, -1.5, 1.25, 1.5, -1}};
const Ref ex000_k = {{-0.5, 1.75, 0.5, -0.5, 0}, {1.75, -0.5, 0.25, -0.5, -0.5}, {-1.5, 0.75, 0.5, -0.5, 1.25}};
const Ref ex000_v = {{2, 1, -1.5, 2.5, -1}, {0, 0.5, 0.5, 1, -1}, {2.5, -1, -1, 1, 0.5}};
const double ex000_scale = 0.4472136;
const Ref ex000_scores = {{-2.25, 2.875, -4.8125}, {3.5625, -3, 4.0625}, {-3.125, 2.125, -3.625}};
const Ref ex000_scaled = {{-1.006231, 1.285739, -2.152215}, {1.593198, -1.341641, 1.816805}, {-1.397542, 0.9503289, -1.621149}};
const Ref ex000_weights = {{0.08918762, 0.8824587, 0.0283537}, {0.4340808, 0.02306673, 0.5428524}, {0.08154676, 0.853246, 0.06520719}};
const Ref ex000_output = {{0.2492595, 0.5020633, 0.2790942, 1.133781, -0.9574695}, {2.225293, -0.09723825, -1.18244, 1.651121, -0.1857213}, {0.3261115, 0.4429626, 0.2390957, 1.12232, -0.9021892}};

// 002 section 5: d_k = 10, 3 tokens; entries from ex002_entry() (torch.randn in the article)
const Ref ex002_Q = {{-0.5, -0.2, 0.1, 0.4, -0.4, -0.1, 0.2, 0.5, -0.3, 0}, {0.2, 0.5, -0.3, 0, 0.3, -0.5, -0.2, 0.1, 0.4, -0.4}, {-0.2, 0.1, 0.4, -0.4, -0.1, 0.2, 0.5, -0.3, 0, 0.3}};
const Ref ex002_K = {{-0.5, -0.1, 0.3, -0.6, -0.2, 0.2, 0.6, -0.3, 0.1, 0.5}, {0, 0.4, -0.5, -0.1, 0.3, -0.6, -0.2, 0.2, 0.6, -0.3}, {0.5, -0.4, 0, 0.4, -0.5, -0.1, 0.3, -0.6, -0.2, 0.2}};
const Ref ex002_V = {{-0.25, -0.75, 0.5, 0, -0.5, 0.75, 0.25, -0.25, -0.75, 0.5}, {0.5, 0, -0.5, 0.75, 0.25, -0.25, -0.75, 0.5, 0, -0.5}, {-0.5, 0.75, 0.25, -0.25, -0.75, 0.5, 0, -0.5, 0.75, 0.25}};
const double ex002_scale = 0.3162278;
const Ref ex002_scores = {{0.05999999, -0.35, 0.02000001}, {-0.71, 1.16, -0.48}, {1.05, -0.52, 0.12}};
const Ref ex002_scaled = {{0.01897366, -0.1106797, 0.006324557}, {-0.2245217, 0.3668242, -0.1517893}, {0.3320392, -0.1644384, 0.03794734}};
const Ref ex002_weights = {{0.348939, 0.306508, 0.344553}, {0.2576084, 0.4653485, 0.2770431}, {0.4248307, 0.2585821, 0.3165873}};
const Ref ex002_output = {{-0.1062573, -0.003289476, 0.1073538, 0.1437427, -0.3562573, 0.3573538, -0.1426462, -0.1062573, -0.003289476, 0.1073538}, {0.02975061, 0.01457601, -0.03460927, 0.2797506, -0.2202494, 0.2153907, -0.2846093, 0.02975061, 0.01457601, -0.03460927}, {-0.1352103, -0.08118258, 0.1622711, 0.1147897, -0.3852103, 0.4122711, -0.08772887, -0.1352103, -0.08118258, 0.1622711}};

// two heads: X 4x4, W_Q/W_K/W_V/W_O 4x4 (numbers supplied by us), d_k = d_v = 2, scale 1/sqrt(2)
const Ref mh_X = {{1, 0, 0.5, -1}, {0, 1, -0.5, 0.5}, {0.5, 0.5, 1, 0}, {-1, 0, 0, 1}};
const Ref mh_WQ = {{1, 0, 0.5, 0}, {0, 1, 0, -0.5}, {0.5, 0, -1, 1}, {0, -0.5, 0, 1}};
const Ref mh_WK = {{0, 1, 0, 0.5}, {1, 0, 0.5, 0}, {1, 0.5, 1, 0}, {-0.5, 0, 0, 1}};
const Ref mh_WV = {{1, 0, 0, 1}, {0, 2, 1, 0}, {1, 0, -1, 0}, {0, 1, 0, 2}};
const Ref mh_WO = {{1, 0, 0, 0.5}, {0, 1, 0.5, 0}, {0, 0, 1, 0}, {0.5, 0, 0, 1}};
const Ref mh_q = {{1.25, 0.5, 0, -0.5}, {-0.25, 0.75, 0.5, -0.5}, {1, 0.5, -0.75, 0.75}, {-1, -0.5, -0.5, 1}};
const Ref mh_k = {{1, 1.25, 0.5, -0.5}, {0.25, -0.25, 0, 0.5}, {1.5, 1, 1.25, 0.25}, {-0.5, -1, 0, 0.5}};
const Ref mh_v = {{1.5, -1, -0.5, -1}, {-0.5, 2.5, 1.5, 1}, {1.5, 1, -0.5, 0.5}, {-1, 1, 0, 1}};
const Ref mh_h0_q = {{1.25, 0.5}, {-0.25, 0.75}, {1, 0.5}, {-1, -0.5}};
const Ref mh_h0_k = {{1, 1.25}, {0.25, -0.25}, {1.5, 1}, {-0.5, -1}};
const Ref mh_h0_v = {{1.5, -1}, {-0.5, 2.5}, {1.5, 1}, {-1, 1}};
const double mh_h0_scale = 0.7071068;
const Ref mh_h0_scores = {{1.875, 0.1875, 2.375, -1.125}, {0.6875, -0.25, 0.375, -0.625}, {1.625, 0.125, 2, -1}, {-1.625, -0.125, -2, 1}};
const Ref mh_h0_scaled = {{1.325825, 0.1325825, 1.679379, -0.7954951}, {0.4861359, -0.1767767, 0.265165, -0.4419417}, {1.149049, 0.08838835, 1.414214, -0.7071068}, {-1.149049, -0.08838835, -1.414214, 0.7071068}};
const Ref mh_h0_weights = {{0.3512187, 0.1065023, 0.5001773, 0.04210173}, {0.368677, 0.189997, 0.2955831, 0.1457428}, {0.3563607, 0.1233818, 0.4645682, 0.0556893}, {0.09046136, 0.2612775, 0.06939104, 0.5788701}};
const Ref mh_h0_output = {{1.181741, 0.457316}, {0.755649, 0.5476415}, {1.114013, 0.4723512}, {-0.4697302, 1.210993}};
const Ref mh_h1_q = {{0, -0.5}, {0.5, -0.5}, {-0.75, 0.75}, {-0.5, 1}};
const Ref mh_h1_k = {{0.5, -0.5}, {0, 0.5}, {1.25, 0.25}, {0, 0.5}};
const Ref mh_h1_v = {{-0.5, -1}, {1.5, 1}, {-0.5, 0.5}, {0, 1}};
const double mh_h1_scale = 0.7071068;
const Ref mh_h1_scores = {{0.25, -0.25, -0.125, -0.25}, {0.5, -0.25, 0.5, -0.25}, {-0.75, 0.375, -0.75, 0.375}, {-0.75, 0.5, -0.375, 0.5}};
const Ref mh_h1_scaled = {{0.1767767, -0.1767767, -0.08838835, -0.1767767}, {0.3535534, -0.1767767, 0.3535534, -0.1767767}, {-0.5303301, 0.265165, -0.5303301, 0.265165}, {-0.5303301, 0.3535534, -0.265165, 0.3535534}};
const Ref mh_h1_weights = {{0.3153126, 0.2214089, 0.2418697, 0.2214089}, {0.31478, 0.18522, 0.31478, 0.18522}, {0.155495, 0.344505, 0.155495, 0.344505}, {0.1399735, 0.3387752, 0.182476, 0.3387752}};
const Ref mh_h1_output = {{0.05352213, 0.24844}, {-0.03695012, 0.2130499}, {0.3612625, 0.6112625}, {0.3469381, 0.6288149}};
const Ref mh_concat = {{1.181741, 0.457316, 0.05352213, 0.24844}, {0.755649, 0.5476415, -0.03695012, 0.2130499}, {1.114013, 0.4723512, 0.3612625, 0.6112625}, {-0.4697302, 1.210993, 0.3469381, 0.6288149}};
const Ref mh_output = {{1.305961, 0.457316, 0.2821801, 0.8393106}, {0.8621739, 0.5476415, 0.2368706, 0.5908744}, {1.419644, 0.4723512, 0.5974381, 1.168269}, {-0.1553228, 1.210993, 0.9524349, 0.3939498}};

// the same two heads with the causal mask
const double mhc_h0_scale = 0.7071068;
const Ref mhc_h0_scores = {{1.875, 0.1875, 2.375, -1.125}, {0.6875, -0.25, 0.375, -0.625}, {1.625, 0.125, 2, -1}, {-1.625, -0.125, -2, 1}};
const Ref mhc_h0_scaled = {{1.325825, kNegInf, kNegInf, kNegInf}, {0.4861359, -0.1767767, kNegInf, kNegInf}, {1.149049, 0.08838835, 1.414214, kNegInf}, {-1.149049, -0.08838835, -1.414214, 0.7071068}};
const Ref mhc_h0_weights = {{1, 0, 0, 0}, {0.6599144, 0.3400856, 0, 0}, {0.3773765, 0.130658, 0.4919655, 0}, {0.09046136, 0.2612775, 0.06939104, 0.5788701}};
const Ref mhc_h0_output = {{1.5, -1}, {0.8198287, 0.1902997}, {1.238684, 0.4412339}, {-0.4697302, 1.210993}};
const double mhc_h1_scale = 0.7071068;
const Ref mhc_h1_scores = {{0.25, -0.25, -0.125, -0.25}, {0.5, -0.25, 0.5, -0.25}, {-0.75, 0.375, -0.75, 0.375}, {-0.75, 0.5, -0.375, 0.5}};
const Ref mhc_h1_scaled = {{0.1767767, kNegInf, kNegInf, kNegInf}, {0.3535534, -0.1767767, kNegInf, kNegInf}, {-0.5303301, 0.265165, -0.5303301, kNegInf}, {-0.5303301, 0.3535534, -0.265165, 0.3535534}};
const Ref mhc_h1_weights = {{1, 0, 0, 0}, {0.6295601, 0.3704399, 0, 0}, {0.2372177, 0.5255647, 0.2372177, 0}, {0.1399735, 0.3387752, 0.182476, 0.3387752}};
const Ref mhc_h1_output = {{-0.5, -1}, {0.2408798, -0.2591202}, {0.5511293, 0.4069558}, {0.3469381, 0.6288149}};
const Ref mhc_concat = {{1.5, -1, -0.5, -1}, {0.8198287, 0.1902997, 0.2408798, -0.2591202}, {1.238684, 0.4412339, 0.5511293, 0.4069558}, {-0.4697302, 1.210993, 0.3469381, 0.6288149}};
const Ref mhc_output = {{1, -1, -1, -0.25}, {0.6902686, 0.1902997, 0.3360297, 0.1507942}, {1.442162, 0.4412339, 0.7717463, 1.026298}, {-0.1553228, 1.210993, 0.9524349, 0.3939498}};

// END expected_values.py output

}  // namespace

// ---------------------------------------------------------------------------------------------
// 004 sections 3.1/3.2/4.1/4.2: Q=[[1,2],[3,4],[5,6]], K=[[1,0],[0,1],[1,1]], V=[[2,0],[0,2],[2,2]]

TEST_CASE("004 section 3.1: Q·Kᵀ of the 3x2 example is 3x3 [[1,2,3],[3,4,7],[5,6,11]]", "[examples]") {
    attn::AttentionTrace trace;
    REQUIRE(attn::attention_trace(trace, to_matrix(ex004_Q), to_matrix(ex004_K), to_matrix(ex004_V)).ok());
    // 3 queries against 3 keys: 3x3. The material prints a 3x2 "QKᵀ" [[1,2],[3,6],[6,9]] after
    // silently rewriting Q as [[1,2,3],[3,4,5],[5,6,6]].
    REQUIRE(attn::rows(trace.scores) == 3);
    REQUIRE(attn::cols(trace.scores) == 3);
    const float by_hand[3][3] = {{1, 2, 3}, {3, 4, 7}, {5, 6, 11}};  // small integers: exact in float32
    for (std::size_t i = 0; i < 3; ++i)
        for (std::size_t j = 0; j < 3; ++j) {
            INFO("scores[" << i << "][" << j << "]");
            CHECK(trace.scores(i, j) == by_hand[i][j]);
        }
}

TEST_CASE("004 section 3.2: the scores are scaled once by 1/sqrt(2), not by 1/2", "[examples]") {
    attn::AttentionTrace trace;
    REQUIRE(attn::attention_trace(trace, to_matrix(ex004_Q), to_matrix(ex004_K), to_matrix(ex004_V)).ok());
    Comparison c("004 section 3.2");
    c.check(trace.scale, ex004_scale, "scale");
    CHECK(trace.scale != Approx(0.5));  // the material divides by 2
    c.check(trace.scores, ex004_scores, "scores");
    c.check(trace.scaled_scores, ex004_scaled, "scaled");
    // Scaling once: scaled[2][2] = 11/sqrt(2) ≈ 7.778; the material's second α = sqrt(2)/2 would give 5.5.
    CHECK(trace.scaled_scores(2, 2) == Approx(7.778175).margin(1e-5));
    c.print();
}

TEST_CASE("004 sections 4.1/4.2: weights and output of the 3x2 example", "[examples]") {
    attn::AttentionTrace trace;
    REQUIRE(attn::attention_trace(trace, to_matrix(ex004_Q), to_matrix(ex004_K), to_matrix(ex004_V)).ok());
    REQUIRE(attn::rows(trace.weights) == 3);
    REQUIRE(attn::cols(trace.weights) == 3);
    REQUIRE(attn::rows(trace.output) == 3);
    REQUIRE(attn::cols(trace.output) == 2);
    Comparison c("004 sections 4.1/4.2");
    check_attention(c, trace, ex004_scale, ex004_scores, ex004_scaled, ex004_weights, ex004_output);
    c.print();

    // The 4-decimal figures the site quotes (the script asserts them as well).
    const float quoted_weights[3] = {0.1400f, 0.2840f, 0.5760f};
    for (std::size_t j = 0; j < 3; ++j) CHECK(trace.weights(0, j) == Approx(quoted_weights[j]).margin(5e-5));
    CHECK(trace.output(0, 0) == Approx(1.4320).margin(5e-5));
    CHECK(trace.output(0, 1) == Approx(1.7199).margin(5e-5));
    // Each row of weights sums to 1 (the material's rows sum to 0.8).
    for (std::size_t i = 0; i < 3; ++i)
        CHECK(trace.weights(i, 0) + trace.weights(i, 1) + trace.weights(i, 2) == Approx(1.0).margin(1e-6));
}

TEST_CASE("004 sections 3.1-4.2 with mask causal: row 0 sees only key 0", "[examples]") {
    attn::AttentionOptions options;
    REQUIRE(attn::parse_mask("causal", options.mask).ok());
    attn::AttentionTrace trace;
    REQUIRE(attn::attention_trace(trace, to_matrix(ex004_Q), to_matrix(ex004_K), to_matrix(ex004_V), options).ok());
    Comparison c("004 causal");
    check_attention(c, trace, ex004c_scale, ex004c_scores, ex004c_scaled, ex004c_weights, ex004c_output);
    c.print();

    CHECK(trace.weights(0, 0) == 1.0f);
    for (std::size_t i = 0; i < 3; ++i)
        for (std::size_t j = i + 1; j < 3; ++j) {
            INFO("upper triangle [" << i << "][" << j << "]");
            CHECK(trace.weights(i, j) == 0.0f);
            CHECK(trace.scaled_scores(i, j) == -std::numeric_limits<float>::infinity());
        }
    // Row 0 is exactly V's row 0; the last row sees every key, as without the mask.
    CHECK(trace.output(0, 0) == 2.0f);
    CHECK(trace.output(0, 1) == 0.0f);
    for (std::size_t j = 0; j < 3; ++j) CHECK(trace.weights(2, j) == Approx(ex004_weights[2][j]).margin(kTolerance));
}

// ---------------------------------------------------------------------------------------------

TEST_CASE("003 section 4: Q=[[0.1,0.2],[0.3,0.4]], K=[[0.5,0.6],[0.7,0.8]], V=[[0.9,1.0],[1.1,1.2]] with Q·Kᵀ",
          "[examples]") {
    attn::AttentionTrace trace;
    REQUIRE(attn::attention_trace(trace, to_matrix(ex003_Q), to_matrix(ex003_K), to_matrix(ex003_V)).ok());
    Comparison c("003 section 4");
    check_attention(c, trace, ex003_scale, ex003_scores, ex003_scaled, ex003_weights, ex003_output);
    c.print();

    // The article's code computes np.dot(Q, K) = [[0.19,0.22],[0.43,0.5]]: the core must not.
    double largest_gap = 0.0;
    for (std::size_t i = 0; i < 2; ++i)
        for (std::size_t j = 0; j < 2; ++j)
            largest_gap = std::max(largest_gap, std::fabs(trace.scores(i, j) - ex003_material_q_dot_k[i][j]));
    CHECK(largest_gap > 0.01);
    CHECK(trace.scores(0, 0) == Approx(0.17).margin(1e-6));  // 0.1·0.5 + 0.2·0.6
    CHECK(trace.scores(0, 1) == Approx(0.23).margin(1e-6));  // 0.1·0.7 + 0.2·0.8
}

TEST_CASE("001 section 4.2: dog/cat/bird, query [1,0,0], key [0,1,0], value [0,0,1]", "[examples]") {
    // Three tokens whose query rows are all [1,0,0], key rows all [0,1,0], value rows all [0,0,1].
    attn::AttentionTrace trace;
    const attn::Matrix v = to_matrix(ex001_V);
    REQUIRE(attn::attention_trace(trace, to_matrix(ex001_Q), to_matrix(ex001_K), v).ok());
    Comparison c("001 section 4.2");
    check_attention(c, trace, ex001_scale, ex001_scores, ex001_scaled, ex001_weights, ex001_output);
    c.print();

    for (std::size_t i = 0; i < 3; ++i) {
        for (std::size_t j = 0; j < 3; ++j) {
            INFO("token " << i << " attending to token " << j);
            CHECK(trace.scores(i, j) == 0.0f);                               // [1,0,0]·[0,1,0] = 0
            CHECK(trace.weights(i, j) == Approx(1.0 / 3.0).margin(1e-7));    // e^0 / (3·e^0)
            CHECK(trace.weights(i, j) * v(j, 2) == Approx(1.0 / 3.0).margin(1e-7));  // weighted value [0,0,1/3]
        }
        INFO("token " << i);
        CHECK(trace.output(i, 0) == 0.0f);
        CHECK(trace.output(i, 1) == 0.0f);
        CHECK(trace.output(i, 2) == Approx(1.0).margin(1e-6));  // weights·V already sums the three terms
    }
}

TEST_CASE("000 section 4: X 3x5 through W_Q/W_K/W_V 5x5, one head, scale 1/sqrt(5)", "[examples]") {
    const attn::SelfAttentionWeights w{to_matrix(ex000_WQ), to_matrix(ex000_WK), to_matrix(ex000_WV), std::nullopt};
    attn::SelfAttentionTrace trace;
    REQUIRE(attn::self_attention_trace(trace, to_matrix(ex000_X), w, 1).ok());
    REQUIRE(trace.heads.size() == 1);
    Comparison c("000 section 4");
    c.check(trace.q, ex000_q, "Q=X·W_Q");
    c.check(trace.k, ex000_k, "K=X·W_K");
    c.check(trace.v, ex000_v, "V=X·W_V");
    check_attention(c, trace.heads[0].attention, ex000_scale, ex000_scores, ex000_scaled, ex000_weights,
                    ex000_output);
    c.check(trace.output, ex000_output, "final output");  // no W_O: the single head's output
    c.print();
    CHECK(trace.heads[0].attention.scale == Approx(1.0 / std::sqrt(5.0)).epsilon(1e-6));
    REQUIRE(attn::rows(trace.output) == 3);
    REQUIRE(attn::cols(trace.output) == 5);
}

// 002's Q, K, V: the article draws them with torch.randn; these fixed formulas (the same as
// ex002_entry in expected_values.py) stand in for them.
static float ex002_entry(char which, int i, int j) {
    if (which == 'Q') return float(((i * 7 + j * 3) % 11 - 5) / 10.0);
    if (which == 'K') return float(((i * 5 + j * 4 + 1) % 13 - 6) / 10.0);
    return float(((i * 3 + j * 5 + 2) % 7 - 3) / 4.0);
}

TEST_CASE("002 section 5: d_k = 10, 3 tokens, Q, K, V 3x10", "[examples]") {
    attn::Matrix q = attn::Matrix::from_shape({3, 10}), k = q, v = q;
    for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 10; ++j) {
            q(i, j) = ex002_entry('Q', i, j);
            k(i, j) = ex002_entry('K', i, j);
            v(i, j) = ex002_entry('V', i, j);
        }
    // The formulas here and the script's produced the same inputs.
    const bool same_q = q == to_matrix(ex002_Q), same_k = k == to_matrix(ex002_K), same_v = v == to_matrix(ex002_V);
    CHECK(same_q);
    CHECK(same_k);
    CHECK(same_v);

    attn::AttentionTrace trace;
    REQUIRE(attn::attention_trace(trace, q, k, v).ok());
    Comparison c("002 section 5");
    check_attention(c, trace, ex002_scale, ex002_scores, ex002_scaled, ex002_weights, ex002_output);
    c.print();
    CHECK(trace.scale == Approx(1.0 / std::sqrt(10.0)).epsilon(1e-6));
}

// ---------------------------------------------------------------------------------------------
// Multi-head: X 4x4, W_Q/W_K/W_V/W_O 4x4, 2 heads of width 2.

static attn::SelfAttentionWeights two_head_weights() {
    return {to_matrix(mh_WQ), to_matrix(mh_WK), to_matrix(mh_WV), to_matrix(mh_WO)};
}

TEST_CASE("multi-head: 2 heads on X 4x4, each head its own columns, concat, W_O", "[examples]") {
    attn::SelfAttentionTrace trace;
    REQUIRE(attn::self_attention_trace(trace, to_matrix(mh_X), two_head_weights(), 2).ok());
    REQUIRE(trace.heads.size() == 2);
    Comparison c("multi-head, 2 heads");
    c.check(trace.q, mh_q, "Q");
    c.check(trace.k, mh_k, "K");
    c.check(trace.v, mh_v, "V");
    c.check(trace.heads[0].q, mh_h0_q, "head 0 Q");
    c.check(trace.heads[0].k, mh_h0_k, "head 0 K");
    c.check(trace.heads[0].v, mh_h0_v, "head 0 V");
    check_attention(c, trace.heads[0].attention, mh_h0_scale, mh_h0_scores, mh_h0_scaled, mh_h0_weights,
                    mh_h0_output, "head 0 ");
    c.check(trace.heads[1].q, mh_h1_q, "head 1 Q");
    c.check(trace.heads[1].k, mh_h1_k, "head 1 K");
    c.check(trace.heads[1].v, mh_h1_v, "head 1 V");
    check_attention(c, trace.heads[1].attention, mh_h1_scale, mh_h1_scores, mh_h1_scaled, mh_h1_weights,
                    mh_h1_output, "head 1 ");
    c.check(trace.concat, mh_concat, "concat");
    c.check(trace.output, mh_output, "output");
    c.print();
}

TEST_CASE("multi-head: 2 heads on X 4x4 with mask causal", "[examples]") {
    attn::AttentionOptions options;
    options.mask = attn::Mask::causal;
    attn::SelfAttentionTrace trace;
    REQUIRE(attn::self_attention_trace(trace, to_matrix(mh_X), two_head_weights(), 2, options).ok());
    REQUIRE(trace.heads.size() == 2);
    Comparison c("multi-head, 2 heads, causal");
    // The projections and each head's columns do not depend on the mask.
    c.check(trace.heads[0].q, mh_h0_q, "head 0 Q");
    c.check(trace.heads[1].k, mh_h1_k, "head 1 K");
    check_attention(c, trace.heads[0].attention, mhc_h0_scale, mhc_h0_scores, mhc_h0_scaled, mhc_h0_weights,
                    mhc_h0_output, "head 0 ");
    check_attention(c, trace.heads[1].attention, mhc_h1_scale, mhc_h1_scores, mhc_h1_scaled, mhc_h1_weights,
                    mhc_h1_output, "head 1 ");
    c.check(trace.concat, mhc_concat, "concat");
    c.check(trace.output, mhc_output, "output");
    c.print();
    for (const attn::HeadTrace& head : trace.heads)
        for (std::size_t i = 0; i < 4; ++i)
            for (std::size_t j = i + 1; j < 4; ++j) {
                INFO("upper triangle [" << i << "][" << j << "]");
                CHECK(head.attention.weights(i, j) == 0.0f);
            }
}
