#include "compose_suppression.hpp"

#include <drydock/checks/registry.hpp>

#include <algorithm>
#include <cctype>

namespace drydock {
namespace {

bool is_blank(char c) {
    return c == ' ' || c == '\t';
}
bool is_id_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
}
bool iequals(std::string_view a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
    });
}

class Collector {
public:
    explicit Collector(const yaml::Document& doc) : doc_(doc), src_(doc.source) {
        const RuleEntry* rule = find_rule("invalid-suppression");
        problem_code_ = rule ? rule->meta->code : "DD0002";
        problem_name_ = rule ? rule->meta->name : "invalid-suppression";
        problem_severity_ = rule ? rule->meta->severity : Severity::Warning;
    }

    Suppressions run() {
        for (const yaml::Comment& comment : doc_.comments)
            read(comment);
        return std::move(out_);
    }

private:
    void problem(TextRange range, std::string message) {
        out_.problems.push_back({std::string(problem_code_), std::string(problem_name_), problem_severity_,
                                 std::move(message), range, std::nullopt});
    }

    // `# drydock [global ]ignore=ids [# reason]`; any other comment is not a pragma.
    void read(const yaml::Comment& comment) {
        TextSize p = comment.range.begin + 1;
        const TextSize end = comment.range.end;
        auto skip_blanks = [&] {
            while (p < end && is_blank(src_[p]))
                ++p;
        };
        auto word = [&] {
            const TextSize begin = p;
            while (p < end && is_id_char(src_[p]))
                ++p;
            return TextRange{begin, p};
        };
        skip_blanks();
        if (!iequals(doc_.text(word()), "drydock") || p >= end || !is_blank(src_[p]))
            return;
        skip_blanks();
        const std::string_view body = doc_.text({p, end});
        TextRange keyword = word();
        const std::string_view first = doc_.text(keyword);
        if (first != "ignore" && first != "global" &&
            body.substr(0, body.find('#')).find('=') == std::string_view::npos)
            return; // `# drydock builds this image`: an ordinary comment
        Pragma pragma;
        pragma.range = comment.range;
        if (first == "global") {
            pragma.scope = Pragma::Scope::Global;
            skip_blanks();
            keyword = word();
        }
        if (doc_.text(keyword) != "ignore") {
            problem(comment.range, "Unknown pragma: expected `drydock ignore=` or `drydock global ignore=`");
            return;
        }
        skip_blanks();
        if (p >= end || src_[p] != '=') {
            problem(comment.range, "Malformed pragma: expected '=' after 'ignore'");
            return;
        }
        ++p;
        std::vector<TextRange> ids;
        for (;;) {
            skip_blanks();
            const TextRange id = word();
            if (id.empty()) {
                problem(comment.range, "Malformed pragma: expected a rule code, name or alias");
                return;
            }
            ids.push_back(id);
            skip_blanks();
            if (p < end && src_[p] == ',') {
                ++p;
                continue;
            }
            break;
        }
        if (p < end && src_[p] == '#') {
            ++p;
            pragma.reason = std::string(doc_.text({p, end}));
        } else if (p < end) {
            problem(comment.range,
                    "Malformed pragma: unexpected text after the rule list (write a reason after a "
                    "second '#')");
            return;
        }
        for (const TextRange id : ids) {
            const std::string_view text = doc_.text(id);
            if (text == "all" || find_rule(text))
                pragma.ids.emplace_back(text);
            else
                problem(id, "Unknown rule '" + std::string(text) + "' in pragma");
        }
        if (pragma.ids.empty())
            return;
        if (pragma.scope == Pragma::Scope::Global) {
            pragma.covers = {0, static_cast<TextSize>(src_.size())};
        } else {
            const std::optional<TextSize> line = comment.own_line
                                                     ? next_content_line(comment.range.end)
                                                     : std::optional(doc_.line_start(comment.range.begin));
            if (!line) {
                problem(comment.range,
                        "'ignore' pragma is not above a line of YAML, so it suppresses nothing");
                return;
            }
            pragma.covers = block_of(*line);
        }
        out_.pragmas.push_back(std::move(pragma));
    }

    TextSize next_line(TextSize p) const {
        while (p < src_.size() && src_[p] != '\n')
            ++p;
        return p < src_.size() ? p + 1 : p;
    }

    // Indentation of the line starting at `start`, or nullopt for a blank or comment-only line.
    std::optional<TextSize> indent_of(TextSize start) const {
        TextSize p = start;
        while (p < src_.size() && is_blank(src_[p]))
            ++p;
        if (p >= src_.size() || src_[p] == '\n' || src_[p] == '\r' || src_[p] == '#')
            return std::nullopt;
        return p - start;
    }

    std::optional<TextSize> next_content_line(TextSize from) const {
        for (TextSize p = next_line(from); p < src_.size(); p = next_line(p))
            if (indent_of(p))
                return p;
        return std::nullopt;
    }

    // From the line at `start` to the end of the last following line indented deeper than it.
    TextRange block_of(TextSize start) const {
        const TextSize indent = indent_of(start).value_or(0);
        TextSize end = doc_.line_end(start);
        for (TextSize p = next_line(start); p < src_.size(); p = next_line(p)) {
            const std::optional<TextSize> own = indent_of(p);
            if (!own)
                continue;
            if (*own <= indent)
                break;
            end = doc_.line_end(p);
        }
        return {start, end};
    }

    const yaml::Document& doc_;
    const std::string& src_;
    std::string_view problem_code_, problem_name_;
    Severity problem_severity_ = Severity::Warning;
    Suppressions out_;
};

} // namespace

Suppressions collect_compose_suppressions(const yaml::Document& doc) {
    return Collector(doc).run();
}

} // namespace drydock
