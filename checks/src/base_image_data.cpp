#include "base_image_table.hpp"

#include <drydock/checks/base_image_data.hpp>

namespace drydock {

BaseImageDataSummary base_image_data_summary() {
    const rules::BaseImageTable& table = rules::base_image_table();
    BaseImageDataSummary out;
    out.version = table.version;
    out.date = table.date;
    out.releases = table.release_count();
    for (const rules::ImageInfo& image : table.images)
        out.images += 1 + image.aliases.size();
    for (const rules::Product& p : table.products)
        out.products.push_back({p.id, p.name, p.is_os ? "os" : "runtime", p.source, p.releases.size()});
    return out;
}

} // namespace drydock
