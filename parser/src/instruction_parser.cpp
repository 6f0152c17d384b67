#include "instruction_parser.hpp"

#include "grammar/grammar.hpp"

#include <algorithm>
#include <arpa/inet.h>
#include <array>
#include <cctype>
#include <netinet/in.h>
#include <string>

namespace drydock::detail {
namespace {

using grammar::Span;

// An IPv4 or IPv6 address as Go's net.ParseIP reads it (no leading zeros, no zone), optionally in brackets:
// the IP part of a legacy EXPOSE mapping (`127.0.0.1:80:80`, `[::1]:80:80`), which BuildKit rejects
// otherwise.
bool is_ip_address(std::string_view text) {
    if (!text.empty() && text.front() == '[') {
        if (text.size() < 2 || text.back() != ']')
            return false;
        text = text.substr(1, text.size() - 2);
    }
    const std::string ip(text);
    in6_addr address{};
    return inet_pton(AF_INET, ip.c_str(), &address) == 1 || inet_pton(AF_INET6, ip.c_str(), &address) == 1;
}

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

bool iequals(std::string_view a, std::string_view b) {
    return lower(a) == lower(b);
}

// Levenshtein distance, for "did you mean" suggestions.
std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::string suggestion(std::string_view word, std::initializer_list<std::string_view> candidates) {
    std::string best;
    std::size_t best_distance = 3; // only close matches are worth suggesting
    const std::string needle = lower(word);
    for (std::string_view c : candidates) {
        const std::size_t d = edit_distance(needle, lower(c));
        if (d < best_distance) {
            best_distance = d;
            best = std::string(c);
        }
    }
    return best;
}

struct FlagRule {
    std::string_view name;
    enum Type { String, Bool, List } type;
};

// The flags the typed layer accepts per instruction (BuildKit's latest stable frontend).
std::vector<FlagRule> allowed_flags(InstructionKind kind) {
    switch (kind) {
    case InstructionKind::From:
        return {{"platform", FlagRule::String}};
    case InstructionKind::Run:
        return {{"mount", FlagRule::List},
                {"network", FlagRule::String},
                {"security", FlagRule::String},
                {"device", FlagRule::List}};
    case InstructionKind::Copy:
        return {{"from", FlagRule::String}, {"chown", FlagRule::String}, {"chmod", FlagRule::String},
                {"link", FlagRule::Bool},   {"parents", FlagRule::Bool}, {"exclude", FlagRule::List}};
    case InstructionKind::Add:
        return {{"chown", FlagRule::String},      {"chmod", FlagRule::String},    {"link", FlagRule::Bool},
                {"keep-git-dir", FlagRule::Bool}, {"checksum", FlagRule::String}, {"unpack", FlagRule::Bool},
                {"exclude", FlagRule::List}};
    case InstructionKind::Healthcheck:
        return {{"interval", FlagRule::String},
                {"timeout", FlagRule::String},
                {"start-period", FlagRule::String},
                {"start-interval", FlagRule::String},
                {"retries", FlagRule::String}};
    default:
        return {};
    }
}

class InstructionParser {
public:
    InstructionParser(const LogicalText& text, char escape, std::vector<ParseError>& errors)
        : lt_(text), s_(text.text), escape_(escape), errors_(errors) {}

    // Parses the instruction that starts at logical offset `begin`.
    Instruction parse(std::size_t begin) {
        Instruction ins;
        // BuildKit trims the joined line, so `\` on a line of its own before the keyword is only a
        // continuation.
        begin = grammar::skip_blanks(s_, begin);
        const std::size_t kw_end = grammar::scan_word(s_, begin, escape_, false).span.end;
        ins.keyword = word({begin, kw_end}, false);
        ins.kind = keyword_kind(ins.keyword.raw);
        ins.range = lt_.original(begin, s_.size());
        const std::size_t rest = grammar::skip_blanks(s_, kw_end);

        if (ins.kind == InstructionKind::Onbuild) {
            parse_onbuild(ins, rest);
            return ins;
        }
        const grammar::Flags flags = grammar::parse_flags(s_, rest, escape_);
        for (const grammar::FlagSyntax& f : flags.flags) {
            Flag flag;
            flag.range = lt_.original(f.whole.begin, f.whole.end);
            flag.name = word(f.name, false);
            if (f.value) {
                flag.value =
                    expanded_word(ins, *f.value); // BuildKit expands flag values ($BUILDPLATFORM, mounts)
                // An empty value (`--chown=` before a line continuation) sits right after the `=`, inside the
                // flag, not after the continuation where the next character is.
                if (f.value->begin == f.value->end)
                    flag.value->range = {flag.range.end, flag.range.end};
            }
            if (f.unterminated_quote)
                error(ins, flag.range, "unterminated quote in flag " + ins_text(f.whole));
            ins.flags.push_back(std::move(flag));
        }
        args_ = flags.rest;
        validate_flags(ins);

        switch (ins.kind) {
        case InstructionKind::Run:
        case InstructionKind::Cmd:
        case InstructionKind::Entrypoint:
        case InstructionKind::Shell:
            parse_command(ins);
            break;
        case InstructionKind::Add:
        case InstructionKind::Copy:
        case InstructionKind::Volume:
            parse_list(ins);
            break;
        case InstructionKind::From:
            parse_from(ins);
            break;
        case InstructionKind::Expose:
            parse_expose(ins);
            break;
        case InstructionKind::Env:
        case InstructionKind::Label:
            parse_key_values(ins);
            break;
        case InstructionKind::Arg:
            parse_arg(ins);
            break;
        case InstructionKind::Healthcheck:
            parse_healthcheck(ins);
            break;
        case InstructionKind::Maintainer:
        case InstructionKind::Stopsignal:
        case InstructionKind::User:
        case InstructionKind::Workdir:
            parse_single(ins);
            break;
        case InstructionKind::Onbuild:
            break;
        case InstructionKind::Unknown:
            parse_unknown(ins);
            break;
        }
        return ins;
    }

private:
    std::string ins_text(Span span) const { return s_.substr(span.begin, span.end - span.begin); }

    void error(Instruction& ins, TextRange range, std::string message) {
        ins.valid = false;
        errors_.push_back({range, std::move(message)});
    }

    Word word(Span span, bool process) {
        Word w;
        w.range = lt_.original(span.begin, span.end);
        w.raw = ins_text(span);
        w.value = process ? grammar::unquote(w.raw, escape_) : w.raw;
        return w;
    }

    // A word of an instruction the builder expands: unquoted value, variable references with their ranges.
    // `report_errors` is false for a word whose parts were already checked (a whole `key=value`), so that one
    // bad substitution gives one error.
    Word expanded_word(Instruction& ins, Span span, bool report_errors = true) {
        Word w = word(span, true);
        std::vector<grammar::VariableError> var_errors;
        for (const grammar::VariableSyntax& v : grammar::find_variables(w.raw, escape_, &var_errors)) {
            VariableRef ref;
            ref.range = lt_.original(span.begin + v.span.begin, span.begin + v.span.end);
            ref.name = v.name;
            ref.modifier = v.modifier;
            ref.operand = v.operand;
            ref.braced = v.braced;
            w.variables.push_back(std::move(ref));
        }
        if (report_errors)
            for (const grammar::VariableError& e : var_errors)
                error(ins, lt_.original(span.begin + e.span.begin, span.begin + e.span.end), e.message);
        return w;
    }

    // Whitespace-separated words from the argument start (quotes not honoured, as BuildKit splits them).
    std::vector<Span> plain_words() const {
        std::vector<Span> out;
        for (std::size_t p = args_; p < s_.size(); p = grammar::skip_blanks(s_, p)) {
            const Span span = grammar::scan_word(s_, p, escape_, false).span;
            out.push_back(span);
            p = span.end;
        }
        return out;
    }

    Span rest_trimmed() const {
        std::size_t end = s_.size();
        while (end > args_ && grammar::is_blank(s_[end - 1]))
            --end;
        return {args_, end};
    }

    void validate_flags(Instruction& ins) {
        const std::vector<FlagRule> allowed = allowed_flags(ins.kind);
        if (ins.kind == InstructionKind::Healthcheck && healthcheck_is_none())
            return; // BuildKit declares and parses HEALTHCHECK's flags only for CMD (and unknown types)
        std::vector<std::string> seen;
        for (const Flag& flag : ins.flags) {
            // Flag names are case-sensitive: BuildKit looks them up in a plain map (`--Link` is unknown).
            const std::string& name = flag.name.raw;
            const auto rule = std::find_if(allowed.begin(), allowed.end(),
                                           [&](const FlagRule& r) { return r.name == name; });
            if (ins.kind == InstructionKind::Unknown)
                continue; // the unknown keyword is the error that matters
            if (rule == allowed.end()) {
                std::string message = "unknown flag: --" + flag.name.raw;
                for (const FlagRule& r : allowed) {
                    if (edit_distance(lower(name), r.name) <= 2) {
                        message += " (did you mean --" + std::string(r.name) + "?)";
                        break;
                    }
                }
                error(ins, flag.range, message);
                continue;
            }
            if (rule->type != FlagRule::List) {
                if (std::find(seen.begin(), seen.end(), name) != seen.end())
                    error(ins, flag.range, "duplicate flag specified: --" + name);
                seen.push_back(name);
            }
            if (rule->type == FlagRule::Bool) {
                if (flag.value && flag.value->raw.empty())
                    error(ins, flag.range, "missing a value on flag: --" + name); // `--link=`
                else if (flag.value && !iequals(flag.value->value, "true") &&
                         !iequals(flag.value->value, "false"))
                    error(ins, flag.value->range,
                          "expecting boolean value for flag " + name + ", not: " + flag.value->raw);
            } else if (!flag.value) {
                error(ins, flag.range, "missing a value on flag: --" + name);
            }
            if (flag.value && (name == "from")) {
                if (flag.value->raw.find('$') != std::string::npos)
                    error(ins, flag.value->range,
                          "--from must not contain variables; use an intermediate stage");
            }
            if (flag.value && name == "mount")
                validate_mount(ins, *flag.value);
            if (flag.value && (name == "network" || name == "security"))
                validate_run_mode(ins, name, *flag.value);
            if (flag.value && ins.kind == InstructionKind::Healthcheck)
                validate_healthcheck_flag(ins, name, *flag.value);
        }
    }

    // RUN --network=default|none|host and --security=sandbox|insecure (host and insecure need entitlements,
    // which is the builder's business, not a syntax error).
    void validate_run_mode(Instruction& ins, const std::string& name, const Word& value) {
        const bool network = name == "network";
        const std::string& v = value.value;
        const bool known =
            network ? (v == "default" || v == "none" || v == "host") : (v == "sandbox" || v == "insecure");
        if (!known)
            error(ins, value.range, "unsupported " + name + " mode \"" + v + "\"");
    }

    // Whether the HEALTHCHECK type word after the flags is NONE.
    bool healthcheck_is_none() const {
        if (args_ >= s_.size())
            return false;
        return iequals(ins_text(grammar::scan_word(s_, args_, escape_, false).span), "none");
    }

    void validate_mount(Instruction& ins, const Word& value) {
        struct Field {
            std::string key, val;
            bool has_value;
        };
        std::vector<Field> fields;
        std::string current;
        char quote = 0;
        // CSV fields; quotes group commas.
        auto flush = [&] {
            const std::size_t eq = current.find('=');
            if (eq == std::string::npos)
                fields.push_back({lower(current), "", false});
            else
                fields.push_back({lower(current.substr(0, eq)), current.substr(eq + 1), true});
            current.clear();
        };
        for (char c : value.value) {
            if (quote) {
                if (c == quote)
                    quote = 0;
                else
                    current.push_back(c);
            } else if (c == '"') {
                quote = c;
            } else if (c == ',') {
                flush();
            } else {
                current.push_back(c);
            }
        }
        flush();
        std::string type = "bind";
        for (const Field& f : fields)
            if (f.key == "type" && f.has_value)
                type = lower(f.val);
        static constexpr std::array types{"bind", "cache", "tmpfs", "secret", "ssh"};
        if (std::find(types.begin(), types.end(), type) == types.end()) {
            error(ins, value.range, "unsupported mount type \"" + type + "\"");
            return;
        }
        static constexpr std::array keys{
            "type",      "target", "dst",     "destination", "source", "src", "from", "ro",  "readonly", "rw",
            "readwrite", "id",     "sharing", "mode",        "uid",    "gid", "size", "env", "required"};
        static constexpr std::array bare{"ro", "readonly", "rw", "readwrite", "required"};
        for (const Field& f : fields) {
            if (f.key.empty() && !f.has_value)
                continue;
            // A bare field is checked first, as BuildKit does: any bare word but ro/rw/required needs a
            // value.
            if (!f.has_value && std::find(bare.begin(), bare.end(), f.key) == bare.end()) {
                error(ins, value.range, "invalid field '" + f.key + "' must be a key=value pair");
                continue;
            }
            if (std::find(keys.begin(), keys.end(), f.key) == keys.end()) {
                error(ins, value.range, "unexpected key '" + f.key + "' in '" + value.value + "'");
                continue;
            }
            auto only_for = [&](std::initializer_list<std::string_view> allowed_types) {
                if (std::find(allowed_types.begin(), allowed_types.end(), type) == allowed_types.end())
                    error(ins, value.range, "'" + f.key + "' cannot be used with type=" + type + " mounts");
            };
            if (f.key == "mode" || f.key == "uid" || f.key == "gid")
                only_for({"cache", "secret", "ssh"});
            else if (f.key == "size")
                only_for({"tmpfs"});
            else if (f.key == "sharing") {
                only_for({"cache"});
                const std::string v = lower(f.val);
                if (v != "shared" && v != "private" && v != "locked")
                    error(ins, value.range, "unsupported sharing value \"" + f.val + "\"");
            } else if (f.key == "required")
                only_for({"secret", "ssh"});
            else if (f.key == "from") {
                if (type == "secret" || type == "ssh")
                    error(ins, value.range, "'from' cannot be used with type=" + type + " mounts");
                if (f.val.find('$') != std::string::npos)
                    error(ins, value.range, "'from' in a mount must not contain variables");
            }
        }
    }

    void validate_healthcheck_flag(Instruction& ins, const std::string& name, const Word& value) {
        if (value.value.empty())
            return; // `--interval=`: an empty value means the default, as BuildKit reads it
        if (name == "retries") {
            const bool digits = std::all_of(value.value.begin(), value.value.end(),
                                            [](unsigned char c) { return std::isdigit(c); });
            if (!digits)
                error(ins, value.range, "--retries must be a non-negative integer, not " + value.raw);
            return;
        }
        const auto ns = grammar::parse_duration(value.value);
        if (!ns)
            error(ins, value.range,
                  "invalid duration for --" + name + ": " + value.raw + " (use a unit, e.g. 30s)");
        else if (*ns < 0)
            error(ins, value.range, "--" + name + " cannot be negative");
        else if (*ns != 0 && *ns < 1e6L)
            error(ins, value.range, "--" + name + " cannot be less than 1ms");
    }

    void parse_onbuild(Instruction& ins, std::size_t rest) {
        if (rest >= s_.size()) {
            error(ins, ins.keyword.range, "ONBUILD requires at least one argument");
            return;
        }
        InstructionParser nested(lt_, escape_, errors_);
        Instruction trigger = nested.parse(rest);
        if (trigger.is(InstructionKind::Onbuild) || trigger.is(InstructionKind::From) ||
            trigger.is(InstructionKind::Maintainer))
            error(ins, trigger.keyword.range, trigger.keyword.raw + " isn't allowed as an ONBUILD trigger");
        if (!trigger.valid)
            ins.valid = false;
        ins.flags.clear();
        ins.trigger.push_back(std::move(trigger));
    }

    // RUN, CMD, ENTRYPOINT, SHELL: JSON exec form, or the raw text as shell form.
    void parse_command(Instruction& ins) {
        CommandLine command;
        const Span rest = rest_trimmed();
        if (rest.begin < rest.end && s_[rest.begin] == '[') {
            const grammar::JsonArray json = grammar::parse_json_array(s_, rest.begin);
            if (json.status == grammar::JsonStatus::NonString) {
                error(ins, lt_.original(json.span.begin, json.span.end),
                      "when using JSON array syntax, arrays must be comprised of strings only");
            }
            if (json.status != grammar::JsonStatus::NotJson) {
                command.form = CommandForm::Exec;
                command.range = lt_.original(json.span.begin, json.span.end);
                for (const grammar::JsonElement& e : json.elements) {
                    Word w = word(e.span, false);
                    w.value = e.value;
                    command.elements.push_back(w);
                    ins.arguments.push_back(std::move(w));
                }
                ins.json_form = true;
                if (ins.is(InstructionKind::Shell) && command.elements.empty())
                    error(ins, command.range, "SHELL requires at least one argument");
                ins.command = std::move(command);
                return;
            }
        }
        if (ins.is(InstructionKind::Shell)) {
            error(ins, rest.begin < rest.end ? lt_.original(rest.begin, rest.end) : ins.keyword.range,
                  "SHELL requires the arguments to be in JSON form");
            return;
        }
        command.form = CommandForm::Shell;
        command.range = lt_.original(rest.begin, rest.end);
        command.text = ins_text(rest);
        command.script = shell::parse(lt_, rest.begin, rest.end);
        if (rest.begin < rest.end)
            ins.arguments.push_back(word(rest, false));
        else if (ins.is(InstructionKind::Run))
            error(ins, ins.keyword.range, "RUN requires at least one argument");
        ins.command = std::move(command);
    }

    // ADD, COPY, VOLUME: JSON list, or whitespace-separated words.
    void parse_list(Instruction& ins) {
        const Span rest = rest_trimmed();
        bool parsed_json = false;
        if (rest.begin < rest.end && s_[rest.begin] == '[') {
            const grammar::JsonArray json = grammar::parse_json_array(s_, rest.begin);
            if (json.status == grammar::JsonStatus::NonString)
                error(ins, lt_.original(json.span.begin, json.span.end),
                      "when using JSON array syntax, arrays must be comprised of strings only");
            if (json.status != grammar::JsonStatus::NotJson) {
                parsed_json = true;
                ins.json_form = true;
                for (const grammar::JsonElement& e : json.elements) {
                    Word w = expanded_word(ins, e.span);
                    w.value = e.value;
                    ins.arguments.push_back(std::move(w));
                }
            }
        }
        if (!parsed_json)
            for (const Span& span : plain_words())
                ins.arguments.push_back(expanded_word(ins, span));

        const std::string name(keyword_name(ins.kind));
        if (ins.is(InstructionKind::Volume)) {
            if (ins.arguments.empty())
                error(ins, ins.keyword.range, "VOLUME requires at least one argument");
            for (const Word& w : ins.arguments)
                if (w.value.empty())
                    error(ins, w.range, "VOLUME specified can not be an empty string");
            return;
        }
        if (ins.arguments.size() < 2)
            error(ins, ins.arguments.empty() ? ins.keyword.range : ins.arguments.front().range,
                  name + " requires at least two arguments, but only " +
                      std::to_string(ins.arguments.size()) +
                      " provided. Destination could not be determined");
        else if (ins.arguments.back().raw.rfind("<<", 0) == 0 ||
                 (ins.arguments.back().raw.size() > 2 &&
                  std::isdigit(static_cast<unsigned char>(ins.arguments.back().raw[0])) &&
                  ins.arguments.back().raw.find("<<") != std::string::npos))
            error(ins, ins.arguments.back().range, "a heredoc cannot be the destination of " + name);
    }

    void parse_from(Instruction& ins) {
        const std::vector<Span> words = plain_words();
        if (words.size() != 1 && words.size() != 3) {
            error(ins,
                  words.empty() ? ins.keyword.range : lt_.original(words.front().begin, words.back().end),
                  "FROM requires either one or three arguments");
        }
        if (words.empty())
            return;
        FromClause from;
        from.image = image_reference(expanded_word(ins, words[0]));
        if (words.size() >= 2)
            from.as_keyword = word(words[1], false);
        if (words.size() == 3) {
            from.stage_name = expanded_word(ins, words[2]);
            if (!iequals(from.as_keyword->raw, "as"))
                error(ins, from.as_keyword->range,
                      "FROM's second argument must be AS, not " + from.as_keyword->raw);
            const std::string name = lower(from.stage_name->value);
            const bool valid_name =
                !name.empty() && std::islower(static_cast<unsigned char>(name[0])) &&
                std::all_of(name.begin(), name.end(), [](unsigned char c) {
                    return std::islower(c) || std::isdigit(c) || c == '-' || c == '_' || c == '.';
                });
            if (!valid_name && from.stage_name->variables.empty())
                error(ins, from.stage_name->range,
                      "invalid name for build stage: \"" + from.stage_name->raw +
                          "\", name can't start with a number or contain symbols");
        }
        // Every word stays an argument, the surplus ones of an invalid FROM too: checks and fixers see all
        // text.
        ins.arguments.push_back(from.image.word);
        for (std::size_t i = 1; i < words.size(); ++i)
            ins.arguments.push_back(i == 2 && from.stage_name ? *from.stage_name : word(words[i], false));
        ins.from = std::move(from);
    }

    ImageReference image_reference(Word w) {
        ImageReference ref;
        ref.has_variables = !w.variables.empty();
        const std::string_view raw = w.raw;
        const TextSize base = w.range.begin;
        // Offsets within a FROM word map 1:1 unless the word spans a continuation; clamp to the word then.
        auto range = [&](std::size_t b, std::size_t e) {
            const TextSize begin = std::min<TextSize>(base + static_cast<TextSize>(b), w.range.end);
            const TextSize end = std::min<TextSize>(base + static_cast<TextSize>(e), w.range.end);
            return TextRange{begin, end};
        };
        std::size_t name_end = raw.size();
        const std::size_t at = raw.find('@');
        if (at != std::string_view::npos) {
            ref.digest = range(at + 1, raw.size());
            ref.digest_text = std::string(raw.substr(at + 1));
            name_end = at;
        } else {
            ref.digest = range(raw.size(), raw.size());
        }
        const std::size_t last_slash = raw.rfind('/', name_end);
        const std::size_t colon = raw.find(':', last_slash == std::string_view::npos ? 0 : last_slash);
        std::size_t repo_end = name_end;
        if (colon != std::string_view::npos && colon < name_end) {
            ref.tag = range(colon + 1, name_end);
            ref.tag_text = std::string(raw.substr(colon + 1, name_end - colon - 1));
            repo_end = colon;
        } else {
            ref.tag = range(name_end, name_end);
        }
        // A first component with a dot or a port, or "localhost", names a registry (as Docker's reference
        // package decides).
        std::size_t repo_begin = 0;
        const std::size_t first_slash = raw.find('/');
        if (first_slash != std::string_view::npos && first_slash < repo_end) {
            const std::string_view first = raw.substr(0, first_slash);
            if (first.find('.') != std::string_view::npos || first.find(':') != std::string_view::npos ||
                first == "localhost") {
                ref.registry = range(0, first_slash);
                ref.registry_text = std::string(first);
                repo_begin = first_slash + 1;
            }
        }
        if (ref.registry_text.empty())
            ref.registry = range(0, 0);
        ref.repository = range(repo_begin, repo_end);
        ref.repository_text = std::string(raw.substr(repo_begin, repo_end - repo_begin));
        ref.word = std::move(w);
        return ref;
    }

    void parse_expose(Instruction& ins) {
        const std::vector<Span> words = plain_words();
        if (words.empty())
            error(ins, ins.keyword.range, "EXPOSE requires at least one argument");
        for (const Span& span : words) {
            Word w = expanded_word(ins, span);
            ins.arguments.push_back(w);
            PortSpec port;
            port.has_variables = !w.variables.empty();
            port.protocol = "tcp";
            port.protocol_range = {w.range.end, w.range.end};
            if (!port.has_variables) {
                const grammar::PortSyntax syntax = grammar::parse_port(w.value);
                port.legacy_mapping = syntax.mapping;
                if (!syntax.ok) {
                    error(ins, w.range, "invalid port specification: " + w.raw);
                } else {
                    port.start = static_cast<unsigned>(std::min(syntax.start, 99999UL));
                    port.end = static_cast<unsigned>(std::min(syntax.end, 99999UL));
                    // `80/` names no protocol: Go's SplitProtoPort reads an empty one as tcp.
                    if (syntax.protocol && syntax.protocol->begin < syntax.protocol->end) {
                        port.protocol = w.value.substr(syntax.protocol->begin);
                        port.protocol_range = {w.range.begin + static_cast<TextSize>(syntax.protocol->begin),
                                               w.range.end};
                        const std::string proto = lower(port.protocol);
                        if (proto != "tcp" && proto != "udp" && proto != "sctp")
                            error(ins, port.protocol_range, "invalid proto: " + port.protocol);
                    }
                    if (syntax.start > 65535 || syntax.end > 65535)
                        error(ins, w.range, "invalid containerPort: " + w.raw);
                    else if (syntax.end < syntax.start)
                        error(ins, w.range, "invalid range: " + w.raw + " (the end is below the start)");
                    else
                        validate_host_port(ins, w, syntax);
                }
            }
            port.word = std::move(w);
            ins.ports.push_back(std::move(port));
        }
    }

    // The host part of a legacy `host:container` mapping: a port or range; a host range must be as long as a
    // container range (a single container port may take a host range to allocate from).
    void validate_host_port(Instruction& ins, const Word& w, const grammar::PortSyntax& syntax) {
        if (syntax.mapping && syntax.host.begin > 0) { // `ip:host:container`: the part before the host
            const std::string ip = w.value.substr(0, syntax.host.begin - 1);
            if (!ip.empty() && !is_ip_address(ip)) {
                error(ins,
                      {w.range.begin,
                       std::min<TextSize>(w.range.begin + static_cast<TextSize>(ip.size()), w.range.end)},
                      "invalid IP address: " + ip);
                return;
            }
        }
        if (!syntax.mapping || syntax.host.begin == syntax.host.end)
            return;
        const std::string host = w.value.substr(syntax.host.begin, syntax.host.end - syntax.host.begin);
        const TextRange range = {
            std::min<TextSize>(w.range.begin + static_cast<TextSize>(syntax.host.begin), w.range.end),
            std::min<TextSize>(w.range.begin + static_cast<TextSize>(syntax.host.end), w.range.end)};
        if (!syntax.host_ok || syntax.host_start > 65535 || syntax.host_end > 65535 ||
            syntax.host_end < syntax.host_start) {
            error(ins, range, "invalid hostPort: " + host);
            return;
        }
        if (syntax.end != syntax.start && syntax.end - syntax.start != syntax.host_end - syntax.host_start) {
            const std::size_t container_end = syntax.protocol ? syntax.protocol->begin - 1 : w.value.size();
            const std::string container =
                w.value.substr(syntax.host.end + 1, container_end - syntax.host.end - 1);
            error(ins, w.range,
                  "invalid ranges specified for container and host Ports: " + container + " and " + host);
        }
    }

    // Quote-aware words from the argument start.
    std::vector<Span> quoted_words(Instruction& ins) {
        std::vector<Span> out;
        for (std::size_t p = args_; p < s_.size(); p = grammar::skip_blanks(s_, p)) {
            const grammar::WordScan w = grammar::scan_word(s_, p, escape_, true);
            if (w.unterminated_quote)
                error(ins, lt_.original(w.span.begin, w.span.end),
                      "unterminated quote in " + ins.keyword.raw);
            out.push_back(w.span);
            p = w.span.end;
        }
        return out;
    }

    // Position of the first `=` outside quotes in a word, or npos.
    std::size_t equals_in(Span span) const {
        char quote = 0;
        for (std::size_t i = span.begin; i < span.end; ++i) {
            const char c = s_[i];
            if (quote) {
                if (c == quote)
                    quote = 0;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == escape_) {
                ++i;
            } else if (c == '=') {
                return i;
            }
        }
        return std::string::npos;
    }

    void parse_key_values(Instruction& ins) {
        const std::string name(keyword_name(ins.kind));
        const std::vector<Span> words = quoted_words(ins);
        if (words.empty()) {
            error(ins, ins.keyword.range, name + " requires at least one argument");
            return;
        }
        if (equals_in(words.front()) == std::string::npos) {
            // Legacy `ENV key value with spaces`: one pair, the value is the rest of the line.
            KeyValue kv;
            kv.legacy = true;
            kv.key = expanded_word(ins, words.front());
            const Span rest = {grammar::skip_blanks(s_, words.front().end), rest_trimmed().end};
            kv.range = lt_.original(words.front().begin, std::max(rest.end, words.front().end));
            if (rest.begin >= rest.end)
                error(ins, kv.key.range, name + " must have two arguments");
            else
                kv.value = expanded_word(ins, rest);
            ins.arguments.push_back(kv.key);
            if (kv.value)
                ins.arguments.push_back(*kv.value);
            ins.pairs.push_back(std::move(kv));
            return;
        }
        for (const Span& span : words) {
            const std::size_t eq = equals_in(span);
            if (eq == std::string::npos) {
                error(ins, lt_.original(span.begin, span.end),
                      "Syntax error - can't find = in \"" + ins_text(span) +
                          "\". Must be of the form: name=value");
                continue;
            }
            KeyValue kv;
            kv.range = lt_.original(span.begin, span.end);
            kv.key = expanded_word(ins, {span.begin, eq});
            kv.value = expanded_word(ins, {eq + 1, span.end});
            if (kv.key.value.empty())
                error(ins, kv.range, name + " names can not be blank");
            ins.arguments.push_back(expanded_word(ins, span, false));
            ins.pairs.push_back(std::move(kv));
        }
    }

    void parse_arg(Instruction& ins) {
        const std::vector<Span> words = quoted_words(ins);
        if (words.empty())
            error(ins, ins.keyword.range, "ARG requires at least one argument");
        for (const Span& span : words) {
            KeyValue kv;
            kv.range = lt_.original(span.begin, span.end);
            const std::size_t eq = equals_in(span);
            kv.key = expanded_word(ins, {span.begin, eq == std::string::npos ? span.end : eq});
            if (eq != std::string::npos)
                kv.value = expanded_word(ins, {eq + 1, span.end});
            if (kv.key.value.empty())
                error(ins, kv.range, "ARG names can not be blank");
            ins.arguments.push_back(expanded_word(ins, span, false));
            ins.pairs.push_back(std::move(kv));
        }
    }

    void parse_healthcheck(Instruction& ins) {
        if (args_ >= s_.size()) {
            error(ins, ins.keyword.range, "HEALTHCHECK requires at least one argument");
            return;
        }
        const Span type = grammar::scan_word(s_, args_, escape_, false).span;
        ins.healthcheck_type = word(type, false);
        const std::string kind = lower(ins.healthcheck_type->raw);
        args_ = grammar::skip_blanks(s_, type.end);
        if (kind == "none") {
            if (args_ < s_.size())
                error(ins, lt_.original(args_, rest_trimmed().end), "HEALTHCHECK NONE takes no arguments");
            return;
        }
        if (kind != "cmd") {
            error(ins, ins.healthcheck_type->range,
                  "Unknown type \"" + ins.healthcheck_type->raw + "\" in HEALTHCHECK (try CMD)");
            return;
        }
        const InstructionKind saved = ins.kind;
        ins.kind = InstructionKind::Cmd; // the command after CMD parses like CMD's arguments
        parse_command(ins);
        ins.kind = saved;
        if (!ins.command || (ins.command->form == CommandForm::Shell && ins.command->text.empty()) ||
            (ins.command->form == CommandForm::Exec && ins.command->elements.empty()))
            error(ins, ins.healthcheck_type->range, "Missing command after HEALTHCHECK CMD");
    }

    void parse_single(Instruction& ins) {
        const Span rest = rest_trimmed();
        if (rest.begin >= rest.end) {
            error(ins, ins.keyword.range,
                  std::string(keyword_name(ins.kind)) + " requires exactly one argument");
            return;
        }
        if (ins.is(InstructionKind::Maintainer))
            ins.arguments.push_back(word(rest, false));
        else
            ins.arguments.push_back(expanded_word(ins, rest));
    }

    void parse_unknown(Instruction& ins) {
        for (const Span& span : plain_words())
            ins.arguments.push_back(word(span, false));
        if (ins.keyword.raw.empty()) {
            error(ins, ins.range, "empty instruction: only line continuations");
            return;
        }
        std::string message = "unknown instruction: " + ins.keyword.raw;
        const std::string hint =
            suggestion(ins.keyword.raw, {"ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM",
                                         "HEALTHCHECK", "LABEL", "MAINTAINER", "ONBUILD", "RUN", "SHELL",
                                         "STOPSIGNAL", "USER", "VOLUME", "WORKDIR"});
        if (!hint.empty())
            message += " (did you mean " + hint + "?)";
        error(ins, ins.keyword.range, message);
    }

    const LogicalText& lt_;
    const std::string& s_;
    char escape_;
    std::vector<ParseError>& errors_;
    std::size_t args_ = 0;
};

} // namespace

Instruction parse_instruction(LogicalInstruction&& logical, char escape, std::vector<ParseError>& errors) {
    InstructionParser parser(logical.text, escape, errors);
    Instruction ins = parser.parse(0);
    ins.range = {ins.keyword.range.begin, logical.range.end};
    ins.line_range = logical.line_range;
    ins.continuations = std::move(logical.continuations);
    ins.comments = std::move(logical.comments);
    ins.empty_continuation_lines = std::move(logical.empty_lines);
    if (ins.is(InstructionKind::Onbuild) && !ins.trigger.empty()) {
        // `ONBUILD RUN <<EOF`: the heredocs belong to the trigger, which then ends where its last body does.
        Instruction& trigger = ins.trigger.front();
        trigger.line_range = ins.line_range;
        if (!logical.heredocs.empty())
            trigger.range.end = ins.range.end;
        trigger.heredocs = std::move(logical.heredocs);
    } else {
        ins.heredocs = std::move(logical.heredocs);
    }
    return ins;
}

} // namespace drydock::detail
