#pragma once
// Whether a text is an image reference Docker accepts in FROM, as distribution/reference's
// ParseNormalizedNamed decides it: `[host[:port]/]path[:tag][@digest]` with lower-case path components,
// a tag of at most 128 word characters, dots and dashes, and a digest `algorithm:hex`.

#include <string_view>

namespace drydock::rules {

bool valid_image_reference(std::string_view reference);

} // namespace drydock::rules
