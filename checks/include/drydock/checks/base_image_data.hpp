#pragma once
// What `drydock rules --data` shows of the base image lifecycle table embedded in drydock
// (checks/data/base_images.json): its version and date, and what it covers.

#include <cstddef>
#include <string>
#include <vector>

namespace drydock {

struct BaseImageDataProduct {
    std::string id, name, kind, source;
    std::size_t releases = 0;
};

struct BaseImageDataSummary {
    std::string version;
    std::string date;
    std::size_t releases = 0; // rows: releases of all products
    std::size_t images = 0;   // image names (with aliases) the tag reader knows
    std::vector<BaseImageDataProduct> products;
};

BaseImageDataSummary base_image_data_summary();

} // namespace drydock
