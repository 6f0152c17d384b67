// DL3054: a label that `label-schema` declares `spdx` does not hold an SPDX license identifier or expression.

#include "label_values.hpp"
#include "rule_support.hpp"

#include <algorithm>
#include <span>
#include <string_view>
#include <vector>

namespace drydock::rules {
namespace {

constexpr RuleMeta rule_meta{
    .code = "DL3054",
    .name = "invalid-label-license",
    .severity = Severity::Warning,
    .category = Category::Correctness,
    .summary = "Label declared as spdx is not a valid SPDX license identifier",
    .docs =
        {.what =
             "Reports the value of a `LABEL` whose key `label-schema` declares as `spdx` when it is not an "
             "SPDX license identifier (`Apache-2.0`, `MIT`, `GPL-2.0-or-later`) or a license expression "
             "built from them: `A OR B`, `A AND B`, `A WITH <exception>` (`GPL-2.0-only WITH "
             "Classpath-exception-2.0`), parentheses, the `+` suffix (`LGPL-2.1+`) and custom "
             "`LicenseRef-…` / `DocumentRef-…:LicenseRef-…` ids. Identifiers match case-insensitively, "
             "operators only in upper case, as the SPDX specification says. Quotes are removed first. "
             "Empty values are DL3051's finding; a value given by a variable is judged by its default, and "
             "not at all when it has none. Labels of `ONBUILD LABEL` belong to a later image and are not "
             "checked.\n\n"
             "Limits: drydock embeds the commonly used part of the SPDX License List (about 270 licenses, "
             "deprecated ids such as `GPL-2.0` included, and about 40 exceptions), not all of it; a rare "
             "but valid id is reported — write it as a `LicenseRef-` or silence the finding. hadolint "
             "accepts a single identifier only; expressions are a drydock extension.",
         .why = "`org.opencontainers.image.licenses` is read by license-compliance tools that match SPDX "
                "ids exactly; free text (`Apache 2`, `GPLv3`) is unknown to them, so the image's license "
                "goes unchecked or is flagged for manual review.",
         .bad = "#! config: {label-schema: {org.opencontainers.image.licenses: spdx}}\n"
                "FROM alpine:3.20\nLABEL org.opencontainers.image.licenses=\"Apache 2\"\n",
         .good = "#! config: {label-schema: {org.opencontainers.image.licenses: spdx}}\n"
                 "FROM alpine:3.20\nLABEL org.opencontainers.image.licenses=\"Apache-2.0 OR MIT\"\n",
         .options = "`label-schema` (map of label name to type): the labels of type `spdx`.",
         .references = "https://github.com/hadolint/hadolint/wiki/DL3054\n"
                       "https://spdx.org/licenses/\n"
                       "https://spdx.github.io/spdx-spec/v2.3/SPDX-license-expressions/"},
};

// The commonly used licenses of the SPDX License List, deprecated ids included.
constexpr std::string_view licenses[]{"0BSD",
                                      "AAL",
                                      "AFL-1.1",
                                      "AFL-1.2",
                                      "AFL-2.0",
                                      "AFL-2.1",
                                      "AFL-3.0",
                                      "AGPL-1.0",
                                      "AGPL-1.0-only",
                                      "AGPL-1.0-or-later",
                                      "AGPL-3.0",
                                      "AGPL-3.0-only",
                                      "AGPL-3.0-or-later",
                                      "Apache-1.0",
                                      "Apache-1.1",
                                      "Apache-2.0",
                                      "APSL-1.0",
                                      "APSL-1.1",
                                      "APSL-1.2",
                                      "APSL-2.0",
                                      "Artistic-1.0",
                                      "Artistic-1.0-cl8",
                                      "Artistic-1.0-Perl",
                                      "Artistic-2.0",
                                      "Beerware",
                                      "BitTorrent-1.0",
                                      "BitTorrent-1.1",
                                      "blessing",
                                      "BlueOak-1.0.0",
                                      "BSD-1-Clause",
                                      "BSD-2-Clause",
                                      "BSD-2-Clause-FreeBSD",
                                      "BSD-2-Clause-NetBSD",
                                      "BSD-2-Clause-Patent",
                                      "BSD-2-Clause-Views",
                                      "BSD-3-Clause",
                                      "BSD-3-Clause-Attribution",
                                      "BSD-3-Clause-Clear",
                                      "BSD-3-Clause-LBNL",
                                      "BSD-3-Clause-Modification",
                                      "BSD-3-Clause-No-Nuclear-License",
                                      "BSD-3-Clause-No-Nuclear-Warranty",
                                      "BSD-3-Clause-Open-MPI",
                                      "BSD-4-Clause",
                                      "BSD-4-Clause-UC",
                                      "BSD-Protection",
                                      "BSD-Source-Code",
                                      "BSL-1.0",
                                      "BUSL-1.1",
                                      "bzip2-1.0.6",
                                      "CAL-1.0",
                                      "CAL-1.0-Combined-Work-Exception",
                                      "CATOSL-1.1",
                                      "CC-BY-1.0",
                                      "CC-BY-2.0",
                                      "CC-BY-2.5",
                                      "CC-BY-3.0",
                                      "CC-BY-4.0",
                                      "CC-BY-NC-1.0",
                                      "CC-BY-NC-2.0",
                                      "CC-BY-NC-2.5",
                                      "CC-BY-NC-3.0",
                                      "CC-BY-NC-4.0",
                                      "CC-BY-NC-ND-3.0",
                                      "CC-BY-NC-ND-4.0",
                                      "CC-BY-NC-SA-3.0",
                                      "CC-BY-NC-SA-4.0",
                                      "CC-BY-ND-3.0",
                                      "CC-BY-ND-4.0",
                                      "CC-BY-SA-1.0",
                                      "CC-BY-SA-2.0",
                                      "CC-BY-SA-2.5",
                                      "CC-BY-SA-3.0",
                                      "CC-BY-SA-4.0",
                                      "CC-PDDC",
                                      "CC0-1.0",
                                      "CDDL-1.0",
                                      "CDDL-1.1",
                                      "CDLA-Permissive-1.0",
                                      "CDLA-Permissive-2.0",
                                      "CDLA-Sharing-1.0",
                                      "CECILL-1.0",
                                      "CECILL-1.1",
                                      "CECILL-2.0",
                                      "CECILL-2.1",
                                      "CECILL-B",
                                      "CECILL-C",
                                      "ClArtistic",
                                      "CNRI-Python",
                                      "CPAL-1.0",
                                      "CPL-1.0",
                                      "CPOL-1.02",
                                      "CUA-OPL-1.0",
                                      "curl",
                                      "ECL-1.0",
                                      "ECL-2.0",
                                      "EFL-1.0",
                                      "EFL-2.0",
                                      "Elastic-2.0",
                                      "Entessa",
                                      "EPL-1.0",
                                      "EPL-2.0",
                                      "ErlPL-1.1",
                                      "etalab-2.0",
                                      "EUDatagrid",
                                      "EUPL-1.0",
                                      "EUPL-1.1",
                                      "EUPL-1.2",
                                      "Fair",
                                      "Frameworx-1.0",
                                      "FreeBSD-DOC",
                                      "FreeImage",
                                      "FSFAP",
                                      "FSFUL",
                                      "FSFULLR",
                                      "FTL",
                                      "GFDL-1.1",
                                      "GFDL-1.1-only",
                                      "GFDL-1.1-or-later",
                                      "GFDL-1.2",
                                      "GFDL-1.2-only",
                                      "GFDL-1.2-or-later",
                                      "GFDL-1.3",
                                      "GFDL-1.3-only",
                                      "GFDL-1.3-or-later",
                                      "GL2PS",
                                      "Glide",
                                      "GPL-1.0",
                                      "GPL-1.0-only",
                                      "GPL-1.0-or-later",
                                      "GPL-2.0",
                                      "GPL-2.0-only",
                                      "GPL-2.0-or-later",
                                      "GPL-2.0-with-autoconf-exception",
                                      "GPL-2.0-with-classpath-exception",
                                      "GPL-2.0-with-GCC-exception",
                                      "GPL-3.0",
                                      "GPL-3.0-only",
                                      "GPL-3.0-or-later",
                                      "GPL-3.0-with-autoconf-exception",
                                      "GPL-3.0-with-GCC-exception",
                                      "Hippocratic-2.1",
                                      "HPND",
                                      "HPND-sell-variant",
                                      "ICU",
                                      "IJG",
                                      "ImageMagick",
                                      "Imlib2",
                                      "Info-ZIP",
                                      "Intel",
                                      "IPA",
                                      "IPL-1.0",
                                      "ISC",
                                      "JasPer-2.0",
                                      "JSON",
                                      "LAL-1.2",
                                      "LAL-1.3",
                                      "LGPL-2.0",
                                      "LGPL-2.0-only",
                                      "LGPL-2.0-or-later",
                                      "LGPL-2.1",
                                      "LGPL-2.1-only",
                                      "LGPL-2.1-or-later",
                                      "LGPL-3.0",
                                      "LGPL-3.0-only",
                                      "LGPL-3.0-or-later",
                                      "LGPLLR",
                                      "Libpng",
                                      "libpng-2.0",
                                      "libtiff",
                                      "LiLiQ-P-1.1",
                                      "LiLiQ-R-1.1",
                                      "LiLiQ-Rplus-1.1",
                                      "LPL-1.0",
                                      "LPL-1.02",
                                      "LPPL-1.3a",
                                      "LPPL-1.3c",
                                      "MirOS",
                                      "MIT",
                                      "MIT-0",
                                      "MIT-advertising",
                                      "MIT-CMU",
                                      "MIT-enna",
                                      "MIT-feh",
                                      "MIT-Modern-Variant",
                                      "MITNFA",
                                      "Motosoto",
                                      "MPL-1.0",
                                      "MPL-1.1",
                                      "MPL-2.0",
                                      "MPL-2.0-no-copyleft-exception",
                                      "MS-PL",
                                      "MS-RL",
                                      "MulanPSL-1.0",
                                      "MulanPSL-2.0",
                                      "Multics",
                                      "NASA-1.3",
                                      "Naumen",
                                      "NCSA",
                                      "Net-SNMP",
                                      "NGPL",
                                      "Nokia",
                                      "NPL-1.0",
                                      "NPL-1.1",
                                      "NPOSL-3.0",
                                      "NTP",
                                      "OCLC-2.0",
                                      "ODbL-1.0",
                                      "ODC-By-1.0",
                                      "OFL-1.0",
                                      "OFL-1.1",
                                      "OFL-1.1-no-RFN",
                                      "OFL-1.1-RFN",
                                      "OGL-UK-3.0",
                                      "OGTSL",
                                      "OLDAP-2.8",
                                      "OpenSSL",
                                      "OPL-1.0",
                                      "OSET-PL-2.1",
                                      "OSL-1.0",
                                      "OSL-1.1",
                                      "OSL-2.0",
                                      "OSL-2.1",
                                      "OSL-3.0",
                                      "PDDL-1.0",
                                      "PHP-3.0",
                                      "PHP-3.01",
                                      "PostgreSQL",
                                      "PSF-2.0",
                                      "Python-2.0",
                                      "Python-2.0.1",
                                      "QPL-1.0",
                                      "RPL-1.1",
                                      "RPL-1.5",
                                      "RPSL-1.0",
                                      "RSCPL",
                                      "Ruby",
                                      "SGI-B-2.0",
                                      "SimPL-2.0",
                                      "SISSL",
                                      "Sleepycat",
                                      "SMLNJ",
                                      "SPL-1.0",
                                      "SSPL-1.0",
                                      "TCL",
                                      "UCL-1.0",
                                      "Unicode-3.0",
                                      "Unicode-DFS-2015",
                                      "Unicode-DFS-2016",
                                      "Unlicense",
                                      "UPL-1.0",
                                      "Vim",
                                      "VSL-1.0",
                                      "W3C",
                                      "W3C-19980720",
                                      "W3C-20150513",
                                      "Watcom-1.0",
                                      "WTFPL",
                                      "X11",
                                      "XFree86-1.1",
                                      "Xnet",
                                      "YPL-1.1",
                                      "Zend-2.0",
                                      "Zlib",
                                      "zlib-acknowledgement",
                                      "ZPL-1.1",
                                      "ZPL-2.0",
                                      "ZPL-2.1"};

// The commonly used exceptions of the SPDX License Exceptions list (after `WITH`).
constexpr std::string_view exceptions[]{"389-exception",
                                        "Autoconf-exception-2.0",
                                        "Autoconf-exception-3.0",
                                        "Bison-exception-2.2",
                                        "Bootloader-exception",
                                        "Classpath-exception-2.0",
                                        "CLISP-exception-2.0",
                                        "DigiRule-FOSS-exception",
                                        "eCos-exception-2.0",
                                        "Fawkes-Runtime-exception",
                                        "FLTK-exception",
                                        "Font-exception-2.0",
                                        "freertos-exception-2.0",
                                        "GCC-exception-2.0",
                                        "GCC-exception-3.1",
                                        "gnu-javamail-exception",
                                        "GPL-3.0-linking-exception",
                                        "GPL-3.0-linking-source-exception",
                                        "GPL-CC-1.0",
                                        "GStreamer-exception-2005",
                                        "i2p-gpl-java-exception",
                                        "Libtool-exception",
                                        "Linux-syscall-note",
                                        "LLVM-exception",
                                        "LZMA-exception",
                                        "mif-exception",
                                        "OCaml-LGPL-linking-exception",
                                        "OCCT-exception-1.0",
                                        "OpenJDK-assembly-exception-1.0",
                                        "openvpn-openssl-exception",
                                        "PS-or-PDF-font-exception-20170817",
                                        "Qt-GPL-exception-1.0",
                                        "Qt-LGPL-exception-1.1",
                                        "Qwt-exception-1.0",
                                        "SHL-2.0",
                                        "SHL-2.1",
                                        "Swift-exception",
                                        "u-boot-exception-2.0",
                                        "Universal-FOSS-exception-1.0",
                                        "WxWindows-exception-3.1"};

char lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool iequals(std::string_view a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                      [](char x, char y) { return lower(x) == lower(y); });
}

bool listed(std::span<const std::string_view> list, std::string_view id) {
    return std::any_of(list.begin(), list.end(), [&](std::string_view known) { return iequals(known, id); });
}

// idstring = 1*(ALPHA / DIGIT / "-" / ".")
bool valid_idstring(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
               c == '.';
    });
}

// license-ref = ["DocumentRef-" idstring ":"] "LicenseRef-" idstring
bool valid_license_ref(std::string_view id) {
    if (id.starts_with("DocumentRef-")) {
        const std::size_t colon = id.find(':');
        if (colon == std::string_view::npos || !valid_idstring(id.substr(12, colon - 12)))
            return false;
        id.remove_prefix(colon + 1);
    }
    return id.starts_with("LicenseRef-") && valid_idstring(id.substr(11));
}

// simple-expression = license-id ["+"] / license-ref
bool valid_simple(std::string_view id) {
    if (valid_license_ref(id))
        return true;
    if (id.ends_with("+"))
        id.remove_suffix(1);
    return listed(licenses, id);
}

// Words, with each parenthesis a word of its own.
std::vector<std::string_view> tokens_of(std::string_view text) {
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < text.size()) {
        if (text[i] == ' ' || text[i] == '\t') {
            ++i;
        } else if (text[i] == '(' || text[i] == ')') {
            out.push_back(text.substr(i++, 1));
        } else {
            const std::size_t end = text.find_first_of(" \t()", i);
            out.push_back(text.substr(i, end == std::string_view::npos ? std::string_view::npos : end - i));
            i = end == std::string_view::npos ? text.size() : end;
        }
    }
    return out;
}

// compound-expression: OR binds loosest, then AND, then WITH (SPDX 2.3, annex D).
class ExpressionParser {
public:
    explicit ExpressionParser(std::vector<std::string_view> tokens) : tokens_(std::move(tokens)) {}

    bool valid() { return or_expression() && pos_ == tokens_.size(); }

private:
    bool accept(std::string_view token) {
        if (pos_ < tokens_.size() && tokens_[pos_] == token) {
            ++pos_;
            return true;
        }
        return false;
    }

    bool or_expression() {
        if (!and_expression())
            return false;
        while (accept("OR"))
            if (!and_expression())
                return false;
        return true;
    }

    bool and_expression() {
        if (!term())
            return false;
        while (accept("AND"))
            if (!term())
                return false;
        return true;
    }

    // "(" compound-expression ")" / simple-expression ["WITH" license-exception-id]
    bool term() {
        if (accept("("))
            return or_expression() && accept(")");
        if (pos_ == tokens_.size() || !valid_simple(tokens_[pos_++]))
            return false;
        if (accept("WITH"))
            return pos_ < tokens_.size() && listed(exceptions, tokens_[pos_++]);
        return true;
    }

    std::vector<std::string_view> tokens_;
    std::size_t pos_ = 0;
};

bool valid_license(std::string_view text) {
    return ExpressionParser(tokens_of(text)).valid();
}

class InvalidLabelLicense final : public Rule {
public:
    const RuleMeta& meta() const override { return rule_meta; }
    std::vector<InstructionKind> interests() const override { return {InstructionKind::Label}; }
    void check(const Instruction& ins, Context& context) override {
        check_label_values(ins, context, "spdx", valid_license,
                           "a valid SPDX license identifier or expression");
    }
};

} // namespace
} // namespace drydock::rules

DRYDOCK_REGISTER_RULE(dl3054, drydock::rules::rule_meta, drydock::rules::InvalidLabelLicense)
