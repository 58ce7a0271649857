// trace_tool — runs the native core on a case read from stdin and prints the trace as JSON,
// with the field names of web/js/core/attention.js, so the Node tests can check that both
// WebAssembly builds give the native numbers.
//
// stdin (whitespace separated; a matrix is "rows cols" then its entries row by row):
//   attention <mask> <scale|default>  Q K V
//   multi <mask> <scale|default> <heads>  Q K V
//   self <mask> <scale|default> <heads> <with_wo 0|1>  X W_Q W_K W_V [W_O]
// −∞ (masked scaled scores) is printed as null.
#include <cmath>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "attention.hpp"
#include "multi_head.hpp"

namespace {

attn::Matrix read_matrix(std::istream& in) {
    std::size_t r = 0, c = 0;
    in >> r >> c;
    attn::Matrix m = attn::Matrix::from_shape({r, c});
    for (float& x : m) in >> x;
    return m;
}

void print_matrix(const attn::Matrix& m) {
    std::cout << '[';
    for (std::size_t i = 0; i < attn::rows(m); ++i) {
        std::cout << (i ? ",[" : "[");
        for (std::size_t j = 0; j < attn::cols(m); ++j) {
            if (j) std::cout << ',';
            const float x = m(i, j);
            if (std::isfinite(x)) {
                char buffer[32];
                std::snprintf(buffer, sizeof buffer, "%.9g", double(x));
                std::cout << buffer;
            } else {
                std::cout << "null";
            }
        }
        std::cout << ']';
    }
    std::cout << ']';
}

// ,"name":[[…]]  (first: no leading comma)
void field(const char* name, const attn::Matrix& m, bool first = false) {
    std::cout << (first ? "\"" : ",\"") << name << "\":";
    print_matrix(m);
}

void print_vector(const char* name, const std::vector<float>& v) {
    std::cout << ",\"" << name << "\":[";
    for (std::size_t i = 0; i < v.size(); ++i) std::cout << (i ? "," : "") << v[i];
    std::cout << ']';
}

void print_attention(const attn::AttentionTrace& t) {
    std::cout << "\"scale\":" << t.scale;
    field("scores", t.scores);
    field("scaledScores", t.scaled_scores);
    print_vector("rowMax", t.row_max);
    field("exponentials", t.exponentials);
    print_vector("rowSum", t.row_sum);
    field("weights", t.weights);
    field("output", t.output);
}

// "heads":[{…},…]
void print_heads(const std::vector<attn::HeadTrace>& heads) {
    std::cout << "\"heads\":[";
    for (std::size_t h = 0; h < heads.size(); ++h) {
        std::cout << (h ? ",{" : "{");
        field("q", heads[h].q, true);
        field("k", heads[h].k);
        field("v", heads[h].v);
        std::cout << ',';
        print_attention(heads[h].attention);
        std::cout << '}';
    }
    std::cout << ']';
}

std::string json_string(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + '"';
}

int print_error(const attn::Status& s) {
    std::cout << "{\"error\":" << json_string(s.message()) << "}\n";
    return 0;
}

}  // namespace

int main() {
    std::cout.precision(9);
    std::string kind, mask_name, scale_text;
    std::cin >> kind >> mask_name >> scale_text;
    attn::AttentionOptions options;
    if (attn::Status s = attn::parse_mask(mask_name, options.mask); !s) return print_error(s);
    if (scale_text != "default") options.scale = std::stof(scale_text);

    if (kind == "attention") {
        const attn::Matrix q = read_matrix(std::cin), k = read_matrix(std::cin), v = read_matrix(std::cin);
        attn::AttentionTrace trace;
        if (attn::Status s = attn::attention_trace(trace, q, k, v, options); !s) return print_error(s);
        std::cout << '{';
        print_attention(trace);
        std::cout << "}\n";
        return 0;
    }
    if (kind == "multi") {
        std::size_t heads = 0;
        std::cin >> heads;
        const attn::Matrix q = read_matrix(std::cin), k = read_matrix(std::cin), v = read_matrix(std::cin);
        attn::MultiHeadTrace trace;
        if (attn::Status s = attn::multi_head_trace(trace, q, k, v, heads, options); !s) return print_error(s);
        std::cout << '{';
        print_heads(trace.heads);
        field("concat", trace.concat);
        std::cout << "}\n";
        return 0;
    }
    if (kind == "self") {
        std::size_t heads = 0;
        int with_wo = 0;
        std::cin >> heads >> with_wo;
        const attn::Matrix x = read_matrix(std::cin);
        attn::SelfAttentionWeights w;
        w.wq = read_matrix(std::cin);
        w.wk = read_matrix(std::cin);
        w.wv = read_matrix(std::cin);
        if (with_wo) w.wo = read_matrix(std::cin);
        attn::SelfAttentionTrace trace;
        if (attn::Status s = attn::self_attention_trace(trace, x, w, heads, options); !s) return print_error(s);
        std::cout << '{';
        field("q", trace.q, true);
        field("k", trace.k);
        field("v", trace.v);
        std::cout << ',';
        print_heads(trace.heads);
        field("concat", trace.concat);
        field("output", trace.output);
        std::cout << "}\n";
        return 0;
    }
    std::cerr << "usage: trace_tool < case   (first word: attention | multi | self)\n";
    return 2;
}
