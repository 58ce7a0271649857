// attention_bench — the native contestants of `npm run bench`, on the grid n × d, built three
// ways (bench/CMakeLists.txt): xsimd for SSE4.1, xsimd for the machine's best (-march=native),
// and scalar (ATTN_FORCE_SCALAR, no auto-vectorisation). Two tables:
//   cells:     attention_output (the streaming path attentionOutput runs in wasm), Q, K, V n×d
//   selfCells: self_attention_output (what selfAttentionOutput runs), X n×d, W_Q, W_K, W_V,
//              W_O d×d, --heads heads (default 8) of width d/heads
// Each cell is timed on one thread (medianMs) and on a ThreadPool of --threads threads
// (threadedMs; default 2), which must give the same bits. Prints one JSON object; figures,
// never a test.
//
//   attention_bench --sizes 16,64,256,1024 --dims 16,64,128 --seconds 0.3 [--heads 8] [--threads 2]
//                   [--reference-dir DIR]
//
// Inputs are those of bench/inputs.mjs: Q, K, V uniform in [−1, 1) from mulberry32 with seeds
// (1, 2, 3) + 10·n + d; X likewise with seed 11 + 10·n + d and W_Q, W_K, W_V, W_O uniform in
// [−1/√d, 1/√d) with seeds (12, 13, 14, 15) + 10·n + d. Before timing, each output is compared
// with the core's reference path (matmul_reference, matmul_bt_reference,
// softmax_row_reference); --reference-dir also writes those reference outputs as raw float32
// (reference-n<n>-d<d>.f32, self-reference-n<n>-d<d>.f32) for the JS contestants.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "mulberry32.hpp"
#include "attention.hpp"
#include "matmul.hpp"
#include "multi_head.hpp"
#include "self_attention_output.hpp"
#include "softmax_row.hpp"
#include "streaming_attention.hpp"
#include "thread_pool.hpp"
#include "version.hpp"

namespace {

attn::Matrix input_matrix(std::size_t r, std::size_t c, std::uint32_t seed) {
    Mulberry32 random{seed};
    attn::Matrix m = attn::Matrix::from_shape({r, c});
    for (float& x : m) x = float(random.next() * 2.0 - 1.0);
    return m;
}

// W (r×c) uniform in [−1/√r, 1/√r): a projection that keeps X's entries near unit size.
attn::Matrix weight_matrix(std::size_t r, std::size_t c, std::uint32_t seed) {
    Mulberry32 random{seed};
    attn::Matrix m = attn::Matrix::from_shape({r, c});
    const double bound = 1.0 / std::sqrt(double(r));
    for (float& x : m) x = float((random.next() * 2.0 - 1.0) * bound);
    return m;
}

// output = softmax_rows(Q·Kᵀ/√d)·V with the reference kernels.
attn::Matrix reference_output(const attn::Matrix& q, const attn::Matrix& k, const attn::Matrix& v) {
    attn::Matrix scores, out;
    attn::kernels::matmul_bt_reference(scores, q, k);
    const float scale = attn::default_scale(attn::cols(q));
    for (float& s : scores) s *= scale;
    for (std::size_t i = 0; i < attn::rows(scores); ++i)
        attn::kernels::softmax_row_reference(attn::row_ptr(scores, i), attn::cols(scores));
    attn::kernels::matmul_reference(out, scores, v);
    return out;
}

// Self-attention with the reference kernels: Q, K, V = X·W_Q, X·W_K, X·W_V; per head h the
// reference attention on columns [h·d/heads, (h+1)·d/heads); concat; ·W_O.
attn::Matrix reference_self_attention(const attn::Matrix& x, const attn::SelfAttentionWeights& w, std::size_t heads) {
    attn::Matrix q, k, v, concat, out;
    attn::kernels::matmul_reference(q, x, w.wq);
    attn::kernels::matmul_reference(k, x, w.wk);
    attn::kernels::matmul_reference(v, x, w.wv);
    const std::size_t d_k = attn::cols(q) / heads, d_v = attn::cols(v) / heads;
    std::vector<attn::Matrix> outputs(heads);
    std::vector<const attn::Matrix*> parts;
    for (std::size_t h = 0; h < heads; ++h) {
        attn::Matrix q_h, k_h, v_h;
        attn::take_columns(q_h, q, h * d_k, d_k);
        attn::take_columns(k_h, k, h * d_k, d_k);
        attn::take_columns(v_h, v, h * d_v, d_v);
        outputs[h] = reference_output(q_h, k_h, v_h);
        parts.push_back(&outputs[h]);
    }
    attn::concat_columns(concat, parts);
    attn::kernels::matmul_reference(out, concat, *w.wo);
    return out;
}

bool write_floats(const std::string& path, const attn::Matrix& m) {
    FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) {
        std::fprintf(stderr, "cannot write %s\n", path.c_str());
        return false;
    }
    std::fwrite(m.data(), sizeof(float), m.size(), f);
    std::fclose(f);
    return true;
}

// With --reference-dir DIR: DIR/<name>-n<n>-d<d>.f32, the reference output that bench/run.mjs
// compares every JS contestant with. Without it, nothing is written.
bool write_reference(const std::string& dir, const char* name, std::size_t n, std::size_t d, const attn::Matrix& m) {
    if (dir.empty()) return true;
    return write_floats(dir + "/" + name + "-n" + std::to_string(n) + "-d" + std::to_string(d) + ".f32", m);
}

float max_abs_diff(const attn::Matrix& a, const attn::Matrix& b) {
    float worst = 0.0f;
    for (std::size_t i = 0; i < a.size(); ++i) worst = std::max(worst, std::fabs(a.data()[i] - b.data()[i]));
    return worst;
}

std::vector<std::size_t> parse_list(const char* text) {
    std::vector<std::size_t> values;
    for (const char* p = text; *p;) {
        values.push_back(std::strtoul(p, nullptr, 10));
        p = std::strchr(p, ',');
        if (!p) break;
        ++p;
    }
    return values;
}

double now_ms() {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// Median ms of call() over repetitions until `seconds` have passed (at least 5), the first
// (which warms caches and the allocator) left out; runs counts the rest.
template <class Call>
double median_ms(Call&& call, double seconds, std::size_t& runs) {
    std::vector<double> times;
    const double start = now_ms();
    while (times.size() < 5 || (now_ms() - start < seconds * 1000.0 && times.size() < 1000)) {
        const double t0 = now_ms();
        call();
        times.push_back(now_ms() - t0);
    }
    times.erase(times.begin());
    std::sort(times.begin(), times.end());
    runs = times.size();
    return times[times.size() / 2];
}

// One cell: compute(out, options) checked against reference, then timed without and with the
// pool; prints {"n", "d", "medianMs", "threadedMs", "runs", "maxDiff"}. False on an error or
// when the threaded output differs from one thread's in any bit.
template <class Compute>
bool time_cell(Compute&& compute, const attn::Matrix& reference, attn::ThreadPool& pool, std::size_t n, std::size_t d,
               double seconds, bool first, float& sink) {
    attn::AttentionOptions one_thread, threaded;
    threaded.pool = &pool;
    attn::Matrix out, out_threaded;
    if (attn::Status s = compute(out, one_thread); !s) {
        std::fprintf(stderr, "n %zu d %zu: %s\n", n, d, s.message().c_str());
        return false;
    }
    if (attn::Status s = compute(out_threaded, threaded); !s ||
        std::memcmp(out.data(), out_threaded.data(), out.size() * sizeof(float)) != 0) {
        std::fprintf(stderr, "n %zu d %zu: %zu threads differ from one thread\n", n, d, pool.size());
        return false;
    }
    const float max_diff = max_abs_diff(out, reference);
    std::size_t runs = 0, threaded_runs = 0;
    const auto timed = [&](const attn::AttentionOptions& options) {
        return [&] {
            (void)compute(out, options);
            sink += out(0, 0);
        };
    };
    const double ms = median_ms(timed(one_thread), seconds, runs);
    const double threaded_ms = median_ms(timed(threaded), seconds, threaded_runs);
    std::printf("%s{\"n\": %zu, \"d\": %zu, \"medianMs\": %.6f, \"threadedMs\": %.6f, \"runs\": %zu, "
                "\"maxDiff\": %.3g}",
                first ? "" : ", ", n, d, ms, threaded_ms, runs, double(max_diff));
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::size_t> sizes = {16, 64, 256, 1024}, dims = {16, 64, 128};
    double seconds = 0.3;
    std::string reference_dir;
    std::size_t heads = 8, threads = 2;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        if (flag == "--sizes") sizes = parse_list(argv[i + 1]);
        else if (flag == "--dims") dims = parse_list(argv[i + 1]);
        else if (flag == "--seconds") seconds = std::atof(argv[i + 1]);
        else if (flag == "--reference-dir") reference_dir = argv[i + 1];
        else if (flag == "--heads") heads = std::strtoul(argv[i + 1], nullptr, 10);
        else if (flag == "--threads") threads = std::strtoul(argv[i + 1], nullptr, 10);
        else {
            std::fprintf(stderr, "unknown option %s; options: --sizes --dims --seconds --heads --threads --reference-dir\n",
                         argv[i]);
            return 2;
        }
    }
    attn::ThreadPool pool(threads);
    std::printf("{\"arch\": \"%s\", \"threads\": %zu, \"cells\": [", attn::build_arch(), pool.size());
    bool first = true;
    float sink = 0.0f;
    for (std::size_t n : sizes) {
        for (std::size_t d : dims) {
            const std::uint32_t seed = std::uint32_t(10 * n + d);
            const attn::Matrix q = input_matrix(n, d, seed + 1), k = input_matrix(n, d, seed + 2),
                               v = input_matrix(n, d, seed + 3);
            const attn::Matrix reference = reference_output(q, k, v);
            if (!write_reference(reference_dir, "reference", n, d, reference)) return 1;
            const auto attend = [&](attn::Matrix& out, const attn::AttentionOptions& options) {
                return attn::attention_output(out, q, k, v, options);
            };
            if (!time_cell(attend, reference, pool, n, d, seconds, first, sink)) return 1;
            first = false;
        }
    }
    // Self-attention with projections and `heads` heads: X n×d, every W d×d.
    std::printf("], \"heads\": %zu, \"selfCells\": [", heads);
    first = true;
    for (std::size_t n : sizes) {
        for (std::size_t d : dims) {
            if (heads == 0 || d % heads != 0) continue;
            const std::uint32_t seed = std::uint32_t(10 * n + d);
            const attn::Matrix x = input_matrix(n, d, seed + 11);
            const attn::SelfAttentionWeights w{weight_matrix(d, d, seed + 12), weight_matrix(d, d, seed + 13),
                                               weight_matrix(d, d, seed + 14), weight_matrix(d, d, seed + 15)};
            const attn::Matrix reference = reference_self_attention(x, w, heads);
            if (!write_reference(reference_dir, "self-reference", n, d, reference)) return 1;
            const auto attend = [&](attn::Matrix& out, const attn::AttentionOptions& options) {
                return attn::self_attention_output(out, x, w, heads, options);
            };
            if (!time_cell(attend, reference, pool, n, d, seconds, first, sink)) return 1;
            first = false;
        }
    }
    std::printf("], \"checksum\": %g}\n", double(sink));
    return 0;
}
