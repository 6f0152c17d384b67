#include <drydock/fixers/diff.hpp>

#include <algorithm>
#include <vector>

namespace drydock {
namespace {

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t nl = text.find('\n', start);
        const std::size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
        lines.push_back(text.substr(start, end - start));
        start = end;
    }
    return lines;
}

enum class Op { Keep, Remove, Add };

// Myers' O((N+M)D) shortest edit script, as a list of operations over the two line lists.
std::vector<Op> edit_script(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b) {
    const int n = static_cast<int>(a.size()), m = static_cast<int>(b.size());
    const int max = n + m;
    std::vector<int> v(2 * static_cast<std::size_t>(max) + 2, 0);
    std::vector<std::vector<int>> trace;
    const int offset = max + 1;
    for (int d = 0; d <= max; ++d) {
        trace.push_back(v);
        for (int k = -d; k <= d; k += 2) {
            int x = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) ? v[offset + k + 1]
                                                                                    : v[offset + k - 1] + 1;
            int y = x - k;
            while (x < n && y < m && a[x] == b[y]) {
                ++x;
                ++y;
            }
            v[offset + k] = x;
            if (x >= n && y >= m) {
                // Walk the trace back to recover the operations.
                std::vector<Op> ops;
                int cx = n, cy = m;
                for (int dd = d; dd > 0; --dd) {
                    const std::vector<int>& pv = trace[dd];
                    const int ck = cx - cy;
                    const bool down = ck == -dd || (ck != dd && pv[offset + ck - 1] < pv[offset + ck + 1]);
                    const int pk = down ? ck + 1 : ck - 1;
                    const int px = pv[offset + pk], py = px - pk;
                    while (cx > px && cy > py) {
                        ops.push_back(Op::Keep);
                        --cx;
                        --cy;
                    }
                    ops.push_back(down ? Op::Add : Op::Remove);
                    cx = px;
                    cy = py;
                }
                while (cx > 0 && cy > 0) {
                    ops.push_back(Op::Keep);
                    --cx;
                    --cy;
                }
                std::reverse(ops.begin(), ops.end());
                return ops;
            }
        }
    }
    return {};
}

void append_line(std::string& out, char marker, std::string_view line) {
    out += marker;
    out += line;
    if (line.empty() || line.back() != '\n')
        out += "\n\\ No newline at end of file\n";
}

} // namespace

std::string unified_diff(std::string_view before, std::string_view after, std::string_view before_name,
                         std::string_view after_name, int context) {
    if (before == after)
        return {};
    const std::vector<std::string_view> a = split_lines(before), b = split_lines(after);
    const std::vector<Op> ops = edit_script(a, b);

    std::string out = "--- " + std::string(before_name) + "\n+++ " + std::string(after_name) + "\n";
    // Group operations into hunks: changes plus `context` lines around them, merging hunks that touch.
    std::size_t i = 0;
    int ai = 0, bi = 0; // line indices reached at ops[i]
    while (i < ops.size()) {
        if (ops[i] == Op::Keep) {
            ++i;
            ++ai;
            ++bi;
            continue;
        }
        // A hunk starts `context` lines before this change.
        const int lead = std::min(context, std::min(ai, bi));
        std::size_t start = i - static_cast<std::size_t>(lead);
        int a_start = ai - lead, b_start = bi - lead;
        std::size_t end = i;
        int keep_run = 0;
        while (end < ops.size()) {
            if (ops[end] == Op::Keep) {
                ++keep_run;
                if (keep_run > 2 * context)
                    break;
            } else {
                keep_run = 0;
            }
            ++end;
        }
        // Trim trailing context to `context` lines.
        std::size_t trailing = 0;
        while (trailing < static_cast<std::size_t>(keep_run) && end > i && ops[end - 1] == Op::Keep) {
            --end;
            ++trailing;
        }
        const std::size_t keep_after = std::min<std::size_t>(trailing, static_cast<std::size_t>(context));
        end += keep_after;
        int a_count = 0, b_count = 0;
        for (std::size_t k = start; k < end; ++k) {
            a_count += ops[k] != Op::Add;
            b_count += ops[k] != Op::Remove;
        }
        out += "@@ -" + std::to_string(a_count ? a_start + 1 : a_start) + "," + std::to_string(a_count) + " +" +
               std::to_string(b_count ? b_start + 1 : b_start) + "," + std::to_string(b_count) + " @@\n";
        int x = a_start, y = b_start;
        for (std::size_t k = start; k < end; ++k) {
            switch (ops[k]) {
            case Op::Keep: append_line(out, ' ', a[x++]), ++y; break;
            case Op::Remove: append_line(out, '-', a[x++]); break;
            case Op::Add: append_line(out, '+', b[y++]); break;
            }
        }
        i = end;
        ai = x;
        bi = y;
    }
    return out;
}

} // namespace drydock
