#include "loose_input.hpp"

#include <cfloat>
#include <cmath>
#include <cstdio>

#include "validate.hpp"

namespace attn {

static std::string kind_phrase(CellKind kind) {
    switch (kind) {
        case CellKind::string: return "is a string, not a number";
        case CellKind::null: return "is null, not a number";
        case CellKind::missing: return "is missing (undefined or an empty slot)";
        case CellKind::boolean: return "is a boolean, not a number";
        case CellKind::other: return "is not a number (an object or array)";
        case CellKind::number: return "is a number";
    }
    return "has an unknown cell kind (" + std::to_string(int(kind)) + "); this is a bug in the caller";
}

static std::string number_text(double x) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.6g", x);
    return buffer;
}

// Why a number is not usable as float32, or "" if it is.
static std::string number_problem(double x) {
    if (!std::isfinite(x)) return "is " + describe_non_finite(x) + "; every entry must be a finite number";
    if (std::fabs(x) > double(FLT_MAX))
        return "= " + number_text(x) + " is outside the float32 range (\u00b13.4e38); use a smaller number";
    return "";
}

// A lone number argument: a number, and finite.
static Status finite_from_loose(double& out, const LooseNumber& in, const std::string& name) {
    if (in.kind != CellKind::number) return Status::error(name + " " + kind_phrase(in.kind));
    if (!std::isfinite(in.value))
        return Status::error(name + " is " + describe_non_finite(in.value) + "; " + name + " must be a finite number");
    out = in.value;
    return {};
}

Status check_loose_extent(std::size_t rows, std::size_t cells, const std::string& name) {
    if (Status s = check_extent(rows, 1, name); !s) return s;
    if (cells > kMaxMatrixEntries)
        return Status::error(name + " has " + std::to_string(cells) + " entries; at most " +
                             std::to_string(kMaxMatrixEntries) + " are supported");
    return {};
}

Status matrix_from_loose(Matrix& out, const LooseMatrix& in, const std::string& name) {
    if (!in.present) return Status::error(name + " is missing; give it as an array of rows of numbers");
    if (!in.is_array) return Status::error(name + " is not an array; give it as an array of rows of numbers");
    const std::size_t n = in.row_lengths.size();
    if (n == 0) return Status::error(name + " is empty; it needs at least one row");
    if (Status s = check_loose_extent(n, in.values.size(), name); !s) return s;
    for (std::size_t i = 0; i < n; ++i) {
        const auto where = [&] { return name + " row " + std::to_string(i); };
        if (in.row_lengths[i] < 0) return Status::error(where() + " is not an array; every row must be an array of numbers");
        if (in.row_lengths[i] == 0) return Status::error(where() + " is empty; every row needs at least one number");
        if (in.row_lengths[i] != in.row_lengths[0])
            return Status::error(where() + " has " + count_of(std::size_t(in.row_lengths[i]), "entry", "entries") +
                                 " but row 0 has " + std::to_string(in.row_lengths[0]) +
                                 "; all rows of a matrix need the same length");
    }
    const std::size_t d = std::size_t(in.row_lengths[0]);
    if (Status s = check_extent(n, d, name); !s) return s;
    if (in.values.size() != n * d || in.kinds.size() != n * d)
        return Status::error(name + ": the cell data does not match the row lengths (a bug in the caller)");
    for (std::size_t c = 0; c < n * d; ++c) {
        const auto where = [&] { return name + "[" + std::to_string(c / d) + "][" + std::to_string(c % d) + "]"; };
        const auto kind = CellKind(in.kinds[c]);
        if (kind != CellKind::number) return Status::error(where() + " " + kind_phrase(kind));
        if (std::string problem = number_problem(in.values[c]); !problem.empty())
            return Status::error(where() + " " + problem);
    }
    out = Matrix::from_shape({n, d});
    for (std::size_t c = 0; c < n * d; ++c) out.data()[c] = float(in.values[c]);
    return {};
}

Status number_from_loose(double& out, const LooseNumber& in, const std::string& name) {
    double value = 0.0;
    if (Status s = finite_from_loose(value, in, name); !s) return s;
    if (std::fabs(value) > double(FLT_MAX)) return Status::error(name + " " + number_problem(value));
    out = value;
    return {};
}

Status heads_from_loose(std::size_t& out, const LooseNumber& in) {
    double value = 0.0;
    if (Status s = finite_from_loose(value, in, "heads"); !s) return s;
    if (value < 1.0 || value != std::floor(value))
        return Status::error("heads is " + number_text(value) + "; it must be a whole number of at least 1");
    if (value > double(kMaxHeads))
        return Status::error("heads is " + number_text(value) + "; at most " + std::to_string(kMaxHeads) +
                             " are supported");
    out = std::size_t(value);
    return {};
}

}  // namespace attn
