// DL3053: a label that `label-schema` declares `rfc3339` does not hold an RFC 3339 timestamp.

#include "label_values.hpp"
#include "rule_support.hpp"

#include <string_view>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DL3053",
    .name = "invalid-label-timestamp",
    .severity = Severity::Warning,
    .category = Category::Correctness,
    .summary = "Label declared as rfc3339 is not an RFC 3339 timestamp",
    .docs =
        {.what =
             "Reports the value of a `LABEL` whose key `label-schema` declares as `rfc3339` when it is not "
             "an RFC 3339 `date-time`: `YYYY-MM-DDTHH:MM:SS`, optional fractional seconds, then `Z` or a "
             "`+HH:MM`/`-HH:MM` offset (`2024-05-01T12:30:00Z`, `2024-05-01T14:30:00.5+02:00`). The date "
             "must exist (leap years included), hours run to 23, minutes to 59, seconds to 60 (a leap "
             "second); `T` and `Z` may be lower-case. A date alone, a missing offset or a blank instead of "
             "`T` (which RFC 3339 mentions only as an option for readability, outside its grammar) are "
             "reported. Quotes are removed first. Empty values are DL3051's finding; a value given by a "
             "variable is judged by its default, and not at all when it has none (the usual `ARG "
             "BUILD_DATE` filled in by CI). Labels of `ONBUILD LABEL` belong to a later image and are not "
             "checked.",
         .why = "`org.opencontainers.image.created` and similar labels are parsed by tools that sort and "
                "filter images by date; a local or ambiguous format (`01/05/2024`, no time zone) is "
                "misread or dropped.",
         .bad = "#! config: {label-schema: {org.opencontainers.image.created: rfc3339}}\n"
                "FROM alpine:3.20\nLABEL org.opencontainers.image.created=\"2024-05-01 12:30\"\n",
         .good = "#! config: {label-schema: {org.opencontainers.image.created: rfc3339}}\n"
                 "FROM alpine:3.20\nLABEL org.opencontainers.image.created=2024-05-01T12:30:00Z\n",
         .options = "`label-schema` (map of label name to type): the labels of type `rfc3339`.",
         .references = "https://github.com/hadolint/hadolint/wiki/DL3053\n"
                       "https://www.rfc-editor.org/rfc/rfc3339#section-5.6"},
};

// Reads `digits` decimal digits from the front of `text` into `out`.
bool read_digits(std::string_view& text, std::size_t digits, int& out) {
    if (text.size() < digits)
        return false;
    out = 0;
    for (std::size_t i = 0; i < digits; ++i) {
        if (text[i] < '0' || text[i] > '9')
            return false;
        out = out * 10 + (text[i] - '0');
    }
    text.remove_prefix(digits);
    return true;
}

bool read_char(std::string_view& text, char expected) {
    if (text.empty() || text.front() != expected)
        return false;
    text.remove_prefix(1);
    return true;
}

int days_in_month(int year, int month) {
    constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

// full-date = date-fullyear "-" date-month "-" date-mday
bool read_date(std::string_view& text) {
    int year = 0, month = 0, day = 0;
    return read_digits(text, 4, year) && read_char(text, '-') && read_digits(text, 2, month) && month >= 1 &&
           month <= 12 && read_char(text, '-') && read_digits(text, 2, day) && day >= 1 &&
           day <= days_in_month(year, month);
}

// partial-time = time-hour ":" time-minute ":" time-second [time-secfrac]
bool read_time(std::string_view& text) {
    int hour = 0, minute = 0, second = 0;
    if (!read_digits(text, 2, hour) || hour > 23 || !read_char(text, ':') || !read_digits(text, 2, minute) ||
        minute > 59 || !read_char(text, ':') || !read_digits(text, 2, second) || second > 60)
        return false;
    if (read_char(text, '.')) {
        int digit = 0;
        if (!read_digits(text, 1, digit))
            return false;
        while (read_digits(text, 1, digit)) {
        }
    }
    return true;
}

// time-offset = "Z" / time-numoffset
bool read_offset(std::string_view& text) {
    if (read_char(text, 'Z') || read_char(text, 'z'))
        return true;
    int hour = 0, minute = 0;
    return (read_char(text, '+') || read_char(text, '-')) && read_digits(text, 2, hour) && hour <= 23 &&
           read_char(text, ':') && read_digits(text, 2, minute) && minute <= 59;
}

// date-time = full-date "T" full-time
bool valid_timestamp(std::string_view text) {
    return read_date(text) && (read_char(text, 'T') || read_char(text, 't')) && read_time(text) &&
           read_offset(text) && text.empty();
}

class InvalidLabelTimestamp final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Label}; }
    void check(const Instruction& ins, Context& context) override {
        check_label_values(ins, context, "rfc3339", valid_timestamp, "an RFC 3339 timestamp");
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3053, drydock::rules::rule_meta, drydock::rules::InvalidLabelTimestamp)
